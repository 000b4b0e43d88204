"""keras_resnet._chart: labels of close points do not overlap and stay inside the axes; the
title is short and the machine goes to the caption."""

import itertools

import pytest

from keras_resnet import _chart

#: the demo's points, where three formats lie within 20% of each other on the same accuracy
POINTS = [
    ("keras float32", 10.68, 97.77),
    ("saved_model float32", 9.36, 97.77),
    ("tflite float32", 2.14, 97.77),
    ("tflite float16", 2.51, 97.77),
    ("tflite int8", 1.57, 97.77),
    ("onnx float32", 2.30, 97.77),
    ("onnx int8", 1.56, 97.49),
]
MACHINE = "AMD EPYC (family 25 model 17), 2 cores, x86_64 (FMA, AVX2, AVX-512, AVX-512 VNNI)"


def _labels(points):
    import matplotlib.pyplot as plt

    drawn = _chart.figure(
        points,
        title="digits: accuracy against latency",
        xlabel="latency per image (ms, log scale)",
        ylabel="held-out accuracy (%)",
        caption=f"Measured on {MACHINE}, load average 4.00 -> 4.40.",
    )
    renderer = drawn.canvas.get_renderer()
    axes = drawn.axes[0]
    boxes = {t.get_text(): _chart._text_extent(t, renderer) for t in axes.texts}
    inside = axes.get_window_extent(renderer)
    captions = [t.get_text() for t in drawn.texts]
    title = axes.get_title()
    positions = sorted((t.get_text(), t.get_position()) for t in axes.texts)
    plt.close(drawn)
    return boxes, inside, captions, title, positions


@pytest.mark.parametrize(
    "points", [POINTS, [(f"format {i}", 2.0 + i / 100, 99.0) for i in range(6)]]
)
def test_labels_neither_overlap_nor_leave_the_axes(points):
    boxes, inside, captions, title, _ = _labels(points)
    assert sorted(boxes) == sorted(label for label, _, _ in points)
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)
    for label, box in boxes.items():
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1, label
        assert inside.y0 <= box.y0 and box.y1 <= inside.y1, label
    assert MACHINE not in title and len(title) < 60
    assert any(MACHINE.split(",")[0] in caption for caption in captions)


def test_the_placement_is_the_same_every_time():
    assert _labels(POINTS)[4] == _labels(POINTS)[4]


def test_a_chart_is_written_as_png(tmp_path):
    path = _chart.scatter(
        POINTS[:2], tmp_path / "chart.png", title="t", xlabel="x", ylabel="y", log_x=False
    )
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

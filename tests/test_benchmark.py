"""keras_resnet.benchmark: interleaved latencies."""


def test_interleaved_latencies_rotate_the_order_every_round():
    import numpy as np

    from keras_resnet import benchmark

    calls = []
    runners = {name: (lambda x, name=name: calls.append(name)) for name in "abc"}
    seconds = benchmark.interleaved_latencies(runners, np.zeros(1), repeats=3, warmup=1)
    assert "".join(calls) == "abc" + "abc" + "bca" + "cab"  # warm-up, then one rotated round each
    assert set(seconds) == set("abc") and all(s >= 0 for s in seconds.values())

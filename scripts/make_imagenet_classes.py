"""Writes keras_resnet/resources/imagenet_classes.json: the 1,000 ImageNet-1k classes in the
standard order (sorted WordNet IDs, the order of every torchvision/timm/keras.applications
classifier), each as [wordnet_id, short_name, full_lemmas].

Source: timm's ``timm/data/_info/imagenet_synsets.txt`` and ``imagenet_synset_to_lemma.txt``
(Apache-2.0), read from an installed timm or a downloaded timm wheel:

    pip download timm --no-deps -d /tmp/timm
    python scripts/make_imagenet_classes.py /tmp/timm/timm-*.whl

The short name is the first lemma with spaces as underscores, as keras.applications'
``decode_predictions`` prints them (``n01440764 tench``).
"""

import json
import pathlib
import sys
import zipfile

OUT = (
    pathlib.Path(__file__).resolve().parents[1]
    / "keras_resnet"
    / "resources"
    / "imagenet_classes.json"
)


def read(source, name):
    if source.endswith(".whl"):
        return zipfile.ZipFile(source).read(f"timm/data/_info/{name}").decode()
    import timm

    return (pathlib.Path(timm.__file__).parent / "data" / "_info" / name).read_text()


def main(source=""):
    synsets = read(source, "imagenet_synsets.txt").split()
    lemmas = dict(
        line.split("\t", 1)
        for line in read(source, "imagenet_synset_to_lemma.txt").splitlines()
        if "\t" in line
    )
    assert len(synsets) == 1000 and synsets == sorted(synsets), (
        "expected the 1,000 sorted ImageNet-1k synsets"
    )
    classes = [
        [wnid, lemmas[wnid].split(",")[0].strip().replace(" ", "_"), lemmas[wnid].strip()]
        for wnid in synsets
    ]
    OUT.write_text(json.dumps(classes, indent=0, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({len(classes)} classes)")


if __name__ == "__main__":
    main(*sys.argv[1:])

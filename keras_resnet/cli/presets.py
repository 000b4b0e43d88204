"""``keras-resnet presets``: the pretrained weights, with their source, license, published
ImageNet accuracy and preprocessing."""

from __future__ import annotations

import argparse
import json

from keras_resnet import presets, registry


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet presets``."""
    p.add_argument("--model", help="only the presets of this registry model")
    p.add_argument("--json", action="store_true", help="print each preset's full config as JSON")


def run(args: argparse.Namespace) -> int:
    """Prints the presets (of one model with ``--model``) as a table, or their configs as JSON."""
    if args.model is not None:
        registry.get_entry(args.model)  # a clear error for an unknown model
        if not presets.list_presets(args.model):
            count = len({p.model for p in presets.PRESETS.values()})
            raise ValueError(
                f"--model {args.model!r} has no presets; `keras-resnet presets` lists the "
                f"{count} models that have them"
            )
    if args.json:
        chosen = presets.list_presets(args.model)
        print(json.dumps({n: presets.PRESETS[n].config() for n in chosen}, indent=2))
        return 0
    print(presets.presets_table(args.model))
    return 0

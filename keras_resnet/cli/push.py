"""``keras-resnet push``: a folder `keras-resnet save-pretrained` wrote, uploaded to a Hugging Face
Hub repository (created if needed) through ``huggingface_hub`` (`keras_resnet.sharing.push_to_hub`):
tokens (``--token``, ``HF_TOKEN``, ``hf auth login``), private repositories, revisions,
``HF_ENDPOINT`` and ``HF_HUB_OFFLINE`` as ``huggingface_hub`` does them."""

from __future__ import annotations

import argparse

from keras_resnet.cli import _args


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``keras-resnet push``."""
    p.add_argument("folder", help="a folder `keras-resnet save-pretrained` wrote")
    p.add_argument("repo_id", help="the Hub repository, user/name or organization/name")
    p.add_argument("--private", action="store_true", help="create the repository private")
    p.add_argument("--revision", help="the branch to commit to (created if needed)")
    p.add_argument("--token", help="a Hub token (default: HF_TOKEN, or the logged-in one)")
    p.add_argument("--commit-message", help="the commit's message")
    p.add_argument("--create-pr", action="store_true", help="open a pull request instead")


def run(args: argparse.Namespace) -> int:
    """Checks the folder, then creates the repository and uploads; prints the commit's URL."""
    from keras_resnet import pretrained, sharing

    pretrained.read_config(args.folder)
    sharing.check_repo_id(args.repo_id)
    _args.start_work(args)
    commit = sharing.push_to_hub(
        args.folder,
        args.repo_id,
        token=args.token,
        private=True if args.private else None,
        revision=args.revision,
        commit_message=args.commit_message,
        create_pr=args.create_pr,
    )
    print(f"pushed {args.folder} to {getattr(commit, 'commit_url', None) or args.repo_id}")
    return 0

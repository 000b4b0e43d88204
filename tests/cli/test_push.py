"""`keras-resnet push`: the upload's calls through a recording `huggingface_hub.HfApi`, offline in
one line, a folder that is not one."""

import huggingface_hub
import huggingface_hub.constants

import keras_resnet
from keras_resnet import cli, sharing


def _folder(tmp_path):
    model = keras_resnet.create_model("cifar_resnet20", input_shape=(8, 8, 3), classes=2)
    return sharing.save_pretrained(model, tmp_path / "f", preprocessing="unit", verbose=False)


def test_push_uploads_the_folder_through_the_hub_client(tmp_path, monkeypatch, capsys):
    calls = []

    class Recording(huggingface_hub.HfApi):
        def create_repo(self, repo_id, **kwargs):
            calls.append(("create_repo", repo_id, kwargs, self.token))
            return huggingface_hub.RepoUrl(f"https://huggingface.co/{repo_id}")

        def create_branch(self, repo_id, **kwargs):
            calls.append(("create_branch", repo_id, kwargs))

        def upload_folder(self, **kwargs):
            calls.append(("upload_folder", kwargs))
            return "done"

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(huggingface_hub, "HfApi", Recording)
    folder = _folder(tmp_path)
    argv = ["push", str(folder), "me/c20", "--private", "--revision", "v2", "--token", "hf_x"]
    assert cli.main([*argv, "--commit-message", "first"]) == 0, capsys.readouterr().err
    assert calls[0] == ("create_repo", "me/c20", {"private": True, "exist_ok": True}, "hf_x")
    assert calls[1] == ("create_branch", "me/c20", {"branch": "v2", "exist_ok": True})
    upload = calls[2][1]
    assert upload["repo_id"] == "me/c20" and upload["folder_path"] == str(folder)
    assert upload["revision"] == "v2" and upload["commit_message"] == "first"
    assert "pushed" in capsys.readouterr().out


def test_push_offline_fails_in_one_line_and_a_wrong_folder_is_a_usage_error(
    tmp_path, monkeypatch, capsys
):
    folder = _folder(tmp_path)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    assert cli.main(["push", str(folder), "me/c20"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "keras-resnet push: error: PushError: HF_HUB_OFFLINE=1 is set: nothing can be pushed to "
        "the Hub"
    )
    assert cli.main(["push", str(tmp_path), "me/c20"]) == 2
    assert "not one keras_resnet.save_pretrained wrote" in capsys.readouterr().err

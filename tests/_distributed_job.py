"""A training job for the distribution tests, run in its own process (logical devices and
TF_CONFIG must be set before TensorFlow starts):

    python tests/_distributed_job.py STRATEGY OUT.json [REPLICAS]
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
strategy, out = sys.argv[1], sys.argv[2]
replicas = int(sys.argv[3]) if len(sys.argv) > 3 else 1

import tensorflow as tf  # noqa: E402

if (
    replicas > 1
):  # several logical CPU devices, so MirroredStrategy has replicas on a CPU-only machine
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration()] * replicas
    )

from keras_resnet.training import make_strategy, train  # noqa: E402

distribution = make_strategy(strategy)  # first: a multi-worker strategy must precede every other op

from keras_resnet import data  # noqa: E402

(x, y), _ = data.digits()
kwargs = json.loads(os.environ.get("JOB_MODEL_KWARGS", "{}"))
result = train(
    "cifar_resnet20",
    (x[:512], y[:512]),
    recipe="cifar",
    epochs=int(os.environ.get("JOB_EPOCHS", "3")),
    batch_size=64,
    augment="none",
    strategy=distribution,
    seed=1,
    deterministic=True,
    verbose=0,
    model_kwargs=kwargs,
    learning_rate=float(os.environ.get("JOB_LEARNING_RATE", "0")) or None,
    output_dir=os.environ.get("JOB_OUTPUT"),
    tensorboard=False,
)
with open(out, "w") as f:
    json.dump({"loss": result.history["loss"], "replicas": result.replicas}, f)

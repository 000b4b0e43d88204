"""The model of a `train` run: the registry model (or a pretrained backbone under a new head
when fine-tuning) with the recipe's optimizer, loss and metrics, built and compiled in the
engine's scope under the run's dtype policy, its checkpoint loaded (`set_up_model`).

Whether a recipe trains on one-hot labels is `keras_resnet.training.recipes.one_hot`.
"""

from __future__ import annotations

from typing import Any

from keras_resnet import layouts, registry
from keras_resnet.training import checkpoints, engines
from keras_resnet.training import recipes as recipes_lib
from keras_resnet.training.plan import Run


def compiled_model(run: Run, input_shape: tuple[int, ...]) -> Any:
    """The registry model with the recipe's optimizer, loss and metrics (in the caller's scope)."""
    import keras

    spec, config = run.spec, run.config
    if run.phase is None:
        kwargs = dict(config.model_kwargs or {})
        # a plain net has no residual branch to start at zero
        if registry.get_entry(run.name).arch.residual:
            kwargs.setdefault("zero_init_residual", spec.zero_init_residual)
        model = registry.create_model(
            run.name,
            input_shape=input_shape,
            classes=run.classes,
            classifier_activation=None,
            **kwargs,
        )
    else:
        model = finetune_model(run, input_shape)
    depth = registry.get_entry(run.name).arch_args["depth"]
    schedule = spec.schedule(
        steps_per_epoch=run.steps_per_epoch,
        batch_size=run.global_batch,
        depth=depth,
        epochs=run.epochs,
        peak=config.learning_rate,
    )
    optimizer = keras.optimizers.SGD(
        learning_rate=schedule, momentum=spec.momentum, weight_decay=spec.weight_decay
    )
    if not spec.decay_norm_and_bias:
        optimizer.exclude_from_weight_decay(var_names=["gamma", "beta", "bias"])
    if recipes_lib.one_hot(spec):
        loss = keras.losses.CategoricalCrossentropy(
            from_logits=True, label_smoothing=spec.label_smoothing
        )
        metrics = [keras.metrics.CategoricalAccuracy(name="accuracy")]
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        metrics = [keras.metrics.SparseCategoricalAccuracy(name="accuracy")]
    jit = config.jit_compile if run.engine.backend == "tensorflow" else "auto"
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics, jit_compile=jit)
    return model


def finetune_model(run: Run, input_shape: tuple[int, ...]) -> Any:
    """The pretrained backbone (without its classifier) under a new Dense head for the run's
    classes; the backbone always runs with BatchNorm in inference mode, and is frozen in the
    ``"head"`` phase. The second phase starts from the first one's weights."""
    import keras

    weights = None if run.init_weights is not None else run.config.weights
    backbone = registry.create_model(
        run.name,
        include_top=False,
        pooling="avg",
        input_shape=input_shape,
        weights=weights,
        **(run.config.model_kwargs or {}),
    )
    backbone.trainable = run.phase != "head"
    inputs = keras.Input(input_shape, name="image")
    features = backbone(inputs, training=False)
    features = keras.layers.Dropout(0.2, name="head_dropout")(features)
    outputs = keras.layers.Dense(run.classes, name="predictions", dtype="float32")(
        features
    )  # float32 logits
    model = keras.Model(inputs, outputs, name=f"{run.name}_finetuned")
    if run.init_weights is not None:
        model.set_weights(run.init_weights)
    return model


def _input_shape(run: Run) -> tuple[int, ...]:
    """The model's input shape: a dataset object's batches as they come (their layout is the
    caller's), the stream's in the run's layout."""
    shape = run.data.input_shape(run.config, run.augment)
    if run.data.train is None:
        return shape
    height, width, channels = shape
    return layouts.image_shape(height, width, channels, run.config.data_format)


def set_up_model(run: Run) -> Any:
    """Seeds everything, then builds and compiles the model in the engine's scope, under the
    run's dtype policy (the global policy is restored after), and loads the checkpoint."""
    import keras

    config = run.config
    keras.utils.set_random_seed(config.seed)
    if config.deterministic:
        engines.make_deterministic()
    policy = engines.precision_policy(config.mixed_precision)
    previous_policy = keras.config.dtype_policy().name
    if policy:
        keras.config.set_dtype_policy(policy)
    try:
        with run.engine.scope():
            model = compiled_model(run, _input_shape(run))
            # Built now: Keras on TensorFlow without a strategy builds it inside the first trace
            # of the train step, and a tf.function that created variables is traced again.
            model.optimizer.build(model.trainable_variables)
            if run.checkpoint is not None:
                checkpoints.restore(model, run.checkpoint)
    finally:
        keras.config.set_dtype_policy(previous_policy)
    return model


__all__ = ["compiled_model", "finetune_model", "set_up_model"]

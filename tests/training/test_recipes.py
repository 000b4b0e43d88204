"""Training recipes: schedules against hand-computed values, serialization."""

import math

import keras
import pytest

from keras_resnet.training import recipes


def _lr(schedule, step):
    return float(schedule(step))


def test_cifar_recipe_steps_at_32k_and_48k():
    schedule = recipes.get("cifar").schedule(steps_per_epoch=391, depth=56)  # no warm-up below 110
    expected = {0: 0.1, 31999: 0.1, 32000: 0.01, 47999: 0.01, 48000: 0.001, 63999: 0.001}
    for step, value in expected.items():
        assert _lr(schedule, step) == pytest.approx(value), step
    assert recipes.get("cifar").total_steps(391) == 64000


def test_cifar_recipe_warms_up_resnet110_for_400_iterations():
    schedule = recipes.get("cifar").schedule(steps_per_epoch=391, depth=110)
    assert [_lr(schedule, s) for s in (0, 399, 400)] == pytest.approx([0.01, 0.01, 0.1])


def test_linear_scaling_with_the_global_batch():
    recipe = recipes.get("cifar")
    schedule = recipe.schedule(steps_per_epoch=196, batch_size=256, depth=56)  # 2 replicas x 128
    # twice the batch: twice the rate, boundaries at half the iterations
    assert [_lr(schedule, s) for s in (0, 15999, 16000, 24000)] == pytest.approx(
        [0.2, 0.2, 0.02, 0.002]
    )
    assert recipes.get("bag_of_tricks").learning_rate(512) == pytest.approx(0.2)


def test_bag_of_tricks_warmup_then_cosine():
    recipe = recipes.get("bag_of_tricks")
    steps = 100
    schedule = recipe.schedule(steps_per_epoch=steps, batch_size=256)
    warmup, total = 5 * steps, 120 * steps
    assert _lr(schedule, 0) == pytest.approx(0.0)
    assert _lr(schedule, warmup // 2) == pytest.approx(0.05)
    assert _lr(schedule, warmup) == pytest.approx(0.1)
    middle = warmup + (total - warmup) // 2
    assert _lr(schedule, middle) == pytest.approx(
        0.1 * 0.5 * (1 + math.cos(math.pi * 0.5)), abs=1e-6
    )
    assert _lr(schedule, total) == pytest.approx(0.0, abs=1e-7)
    assert (recipe.label_smoothing, recipe.decay_norm_and_bias, recipe.zero_init_residual) == (
        0.1,
        False,
        True,
    )


@pytest.mark.parametrize("name", sorted(recipes.RECIPES))
def test_schedules_serialize(name):
    schedule = recipes.get(name).schedule(steps_per_epoch=50, depth=110)
    again = keras.optimizers.schedules.deserialize(keras.optimizers.schedules.serialize(schedule))
    for step in (0, 10, 399, 400, 5000, 40000):
        assert _lr(again, step) == pytest.approx(_lr(schedule, step))
    config = keras.optimizers.SGD(learning_rate=schedule, momentum=0.9).get_config()
    assert (
        config["learning_rate"]["class_name"] == type(schedule).__name__
    )  # saved with the optimizer
    restored = keras.optimizers.SGD.from_config(config)
    assert isinstance(restored._learning_rate, keras.optimizers.schedules.LearningRateSchedule)


def test_unknown_recipe_is_named():
    with pytest.raises(
        ValueError,
        match=r"recipe must be one of 'cifar', 'bag_of_tricks', 'finetune'; "
        r"received recipe='imagenet'",
    ):
        recipes.get("imagenet")

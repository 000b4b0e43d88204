"""Reproduce a row of He et al. 2015, Table 6 (CIFAR-10 test error) with the paper's recipe.

    python examples/train_cifar10.py --depth 20                       # downloads CIFAR-10 once
    python examples/train_cifar10.py --depth 56 --data ~/cifar-10-batches-bin --strategy mirrored
    python examples/train_cifar10.py --depth 110 --output runs/c110  # warm-up: 0.01, 400 iterations

The recipe (`keras_resnet.training.recipes.get("cifar")`): SGD, momentum 0.9, weight decay 1e-4,
batch 128, learning rate 0.1 divided by 10 at 32k and 48k iterations, 64k iterations (164 epochs
of 391 steps), 4-pixel padding + random 32x32 crop + horizontal flip; option A shortcuts. Inputs
are pixels / 255 (the paper subtracts the per-pixel mean; with BatchNorm after the first
convolution the difference is a constant shift it absorbs).

Test error the paper reports (Table 6): ResNet-20 8.75%, 32 7.51%, 44 7.17%, 56 6.97%,
110 6.43% (best of 5 runs, 6.61 +- 0.16 mean), 1202 7.93%. Expect within a few tenths of a point
of those; a GPU is all but required (a CPU takes far longer per epoch).

Interrupted runs resume: start the same command again with the same --output.
"""

import argparse

from keras_resnet import data, training

PAPER_ERROR = {20: 8.75, 32: 7.51, 44: 7.17, 56: 6.97, 110: 6.43, 1202: 7.93}


def main():
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--depth", type=int, default=20, choices=sorted(PAPER_ERROR))
    parser.add_argument(
        "--data", help="a folder with CIFAR-10's binary files (default: keras.datasets download)"
    )
    parser.add_argument("--epochs", type=int, help="default: the recipe's 64k iterations")
    parser.add_argument("--strategy", default="default", choices=["default", "mirrored"])
    parser.add_argument("--mixed-precision", action="store_true")
    parser.add_argument(
        "--output", default=None, help="checkpoints and logs (default: runs/cifar_resnet<depth>)"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    strategy = training.make_strategy(args.strategy)
    (x_train, y_train), (x_test, y_test) = data.cifar(10, folder=args.data)
    result = training.train(
        f"cifar_resnet{args.depth}",
        (x_train, y_train),
        validation_data=(x_test, y_test),
        recipe="cifar",
        epochs=args.epochs,
        strategy=strategy,
        mixed_precision=args.mixed_precision,
        preprocessing="unit",
        output_dir=args.output or f"runs/cifar_resnet{args.depth}",
        seed=args.seed,
    )
    error = 100 * (1 - result.history["val_accuracy"][-1])
    print(f"ResNet-{args.depth}: test error {error:.2f}% (paper: {PAPER_ERROR[args.depth]:.2f}%)")


if __name__ == "__main__":
    main()

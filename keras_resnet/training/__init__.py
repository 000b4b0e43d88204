"""Training: recipes as data (keras_resnet.training.recipes). Issue 6 builds the rest here."""

"""``python -m keras_resnet.cli``: the ``keras-resnet`` command line."""

import sys

from keras_resnet.cli import main

sys.exit(main())

"""A PyTorch reference ResNet with torchvision's and timm's state-dict layout, written for the
tests, and `import_timm`, which imports timm itself beside the CPU torch (torchvision's wheels on
the package index are CUDA builds whose operators do not load there, and timm imports
torchvision). The reference is independent of timm: the converters are checked against code that
does not share timm's bugs, and against timm itself where the tests import it.

It follows timm 1.0's ``timm/models/resnet.py`` and ``timm/layers`` (read from the source): the B
form (torchvision's ResNet), the deep stem (C), the average-pool shortcut (D, with
``AvgPool2dSame`` in dilated stages), ResNeXt's grouped 3x3 conv of width
``floor(planes * base_width / 64) * cardinality``, SE (``se.fc1``/``se.fc2`` with biases, channels
``make_divisible(C * rd_ratio, 8)``) and ECA (``se.conv``, a bias-free Conv1d of adaptive kernel)
after the branch's last BN, ResNet-RS's stem conv in place of the max pool (``maxpool.0/.1``), and
``make_blocks``' dilation for ``output_stride`` 16/8 (the first block of a dilated stage uses the
previous stage's dilation). Only imported when torch is installed."""

import math

import torch
from torch import nn
from torch.nn import functional as F


def _bn(channels):
    return nn.BatchNorm2d(channels, eps=1e-5)


def make_divisible(value, divisor=8):
    return max(divisor, int(value + divisor / 2) // divisor * divisor)


class SEModule(nn.Module):
    def __init__(self, channels, rd_ratio=1 / 16):
        super().__init__()
        rd = make_divisible(channels * rd_ratio)
        self.fc1 = nn.Conv2d(channels, rd, 1, bias=True)
        self.fc2 = nn.Conv2d(rd, channels, 1, bias=True)

    def forward(self, x):
        y = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.fc2(torch.relu(self.fc1(y))))


class EcaModule(nn.Module):
    def __init__(self, channels):
        super().__init__()
        t = int(abs(math.log(channels, 2) + 1) / 2)
        k = max(t if t % 2 else t + 1, 3)
        self.conv = nn.Conv1d(1, 1, k, padding=(k - 1) // 2, bias=False)

    def forward(self, x):
        y = self.conv(x.mean((2, 3)).view(x.shape[0], 1, -1))
        return x * torch.sigmoid(y).view(x.shape[0], -1, 1, 1)


class AvgPool2dSame(nn.Module):
    """timm's 2x2 stride-1 average pool of dilated stages: zero padding at the bottom and right,
    counted in the average."""

    def forward(self, x):
        return F.avg_pool2d(F.pad(x, (0, 1, 0, 1)), 2, 1)


ATTENTION = {None: None, "se": SEModule, "se4": lambda c: SEModule(c, 0.25), "eca": EcaModule}


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(
        self,
        inplanes,
        planes,
        stride,
        downsample,
        attention=None,
        dilation=1,
        first_dilation=1,
        **_,
    ):
        super().__init__()
        self.conv1 = nn.Conv2d(
            inplanes, planes, 3, stride, first_dilation, dilation=first_dilation, bias=False
        )
        self.bn1 = _bn(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, dilation, dilation=dilation, bias=False)
        self.bn2 = _bn(planes)
        self.se = ATTENTION[attention](planes) if attention else None
        self.downsample = downsample

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.se is not None:
            out = self.se(out)
        return torch.relu(out + (self.downsample(x) if self.downsample is not None else x))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(
        self,
        inplanes,
        planes,
        stride,
        downsample,
        attention=None,
        dilation=1,
        first_dilation=1,
        cardinality=1,
        base_width=64,
    ):
        super().__init__()
        width = int(math.floor(planes * base_width / 64)) * cardinality
        self.conv1 = nn.Conv2d(inplanes, width, 1, bias=False)
        self.bn1 = _bn(width)
        # stride in the 3x3 (B)
        self.conv2 = nn.Conv2d(
            width,
            width,
            3,
            stride,
            first_dilation,
            dilation=first_dilation,
            groups=cardinality,
            bias=False,
        )
        self.bn2 = _bn(width)
        self.conv3 = nn.Conv2d(width, planes * 4, 1, bias=False)
        self.bn3 = _bn(planes * 4)
        self.se = ATTENTION[attention](planes * 4) if attention else None
        self.downsample = downsample

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.se is not None:
            out = self.se(out)
        return torch.relu(out + (self.downsample(x) if self.downsample is not None else x))


class ResNet(nn.Module):
    def __init__(
        self,
        block,
        layers,
        num_classes=1000,
        deep_stem=False,
        avg_down=False,
        stem_conv_pool=False,
        output_stride=32,
        features=False,
        **block_args,
    ):
        super().__init__()
        if deep_stem:  # timm: 3x3 convs 3->32->32->64, the last one's BN is bn1
            self.conv1 = nn.Sequential(
                nn.Conv2d(3, 32, 3, 2, 1, bias=False),
                _bn(32),
                nn.ReLU(),
                nn.Conv2d(32, 32, 3, 1, 1, bias=False),
                _bn(32),
                nn.ReLU(),
                nn.Conv2d(32, 64, 3, 1, 1, bias=False),
            )
        else:
            self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = _bn(64)
        if stem_conv_pool:  # ResNet-RS
            self.maxpool = nn.Sequential(nn.Conv2d(64, 64, 3, 2, 1, bias=False), _bn(64), nn.ReLU())
        else:
            self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.inplanes, self.features = 64, features
        net_stride, dilation = 4, 1
        for i, (planes, count) in enumerate(zip((64, 128, 256, 512), layers, strict=True)):
            stride, previous = (1 if i == 0 else 2), dilation
            if net_stride >= output_stride:
                dilation, stride = dilation * stride, 1
            else:
                net_stride *= stride
            stage = self._stage(
                block, planes, count, stride, avg_down, dilation, previous, block_args
            )
            setattr(self, f"layer{i + 1}", stage)
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _downsample(self, out, stride, dilation, avg_down):
        if not avg_down:
            return nn.Sequential(nn.Conv2d(self.inplanes, out, 1, stride, bias=False), _bn(out))
        # timm's downsample_avg: pool (identity at stride 1 undilated), 1x1 conv, BN
        if stride == 1 and dilation == 1:
            pool = nn.Identity()
        elif dilation > 1:
            pool = AvgPool2dSame()
        else:
            pool = nn.AvgPool2d(2, stride, ceil_mode=True, count_include_pad=False)
        return nn.Sequential(pool, nn.Conv2d(self.inplanes, out, 1, bias=False), _bn(out))

    def _stage(self, block, planes, count, stride, avg_down, dilation, previous, block_args):
        out = planes * block.expansion
        downsample = None
        if stride != 1 or self.inplanes != out:
            downsample = self._downsample(out, stride, dilation, avg_down)
        blocks = [
            block(
                self.inplanes,
                planes,
                stride,
                downsample,
                dilation=dilation,
                first_dilation=previous,
                **block_args,
            )
        ]
        self.inplanes = out
        blocks += [
            block(out, planes, 1, None, dilation=dilation, first_dilation=dilation, **block_args)
            for _ in range(count - 1)
        ]
        return nn.Sequential(*blocks)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        features = [x]
        x = self.maxpool(x)
        for i in range(1, 5):
            x = getattr(self, f"layer{i}")(x)
            features.append(x)
        if self.features:
            return features
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


LAYERS = {
    18: (BasicBlock, (2, 2, 2, 2)),
    34: (BasicBlock, (3, 4, 6, 3)),
    50: (Bottleneck, (3, 4, 6, 3)),
}


def _randomize(model, seed):
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                n = module.num_features
                module.weight.copy_(torch.rand(n, generator=generator) * 0.5 + 0.5)
                module.bias.copy_(torch.randn(n, generator=generator) * 0.1)
                module.running_mean.copy_(torch.randn(n, generator=generator) * 0.1)
                module.running_var.copy_(torch.rand(n, generator=generator) + 0.5)
            elif isinstance(module, (nn.Conv1d, nn.Conv2d)) and module.bias is not None:
                module.bias.copy_(torch.randn(module.bias.shape, generator=generator) * 0.1)
    return model.eval()


def build(depth, form="b", num_classes=1000, seed=0, **kwargs):
    """The reference for our ``resnet{depth}{form}`` (and, with timm's keywords ``cardinality``,
    ``base_width``, ``attention`` (``"se"``, ``"se4"``, ``"eca"``), ``stem_conv_pool``,
    ``output_stride``, ``features``, the rest of the family), with random weights and BN
    statistics."""
    torch.manual_seed(seed)
    block, layers = LAYERS[depth]
    model = ResNet(
        block, layers, num_classes, deep_stem=form in ("c", "d"), avg_down=form == "d", **kwargs
    )
    return _randomize(model, seed)


def import_timm():
    """timm, imported beside the CPU torch. The torchvision wheel on the package index is a CUDA
    build whose operator library does not load there; its import then fails registering shapes
    for its ``nms`` operators. Where it does, those two operators are declared (without a kernel:
    nothing here runs them), and torchvision, then timm, import."""
    import torch

    try:
        import torchvision  # noqa: F401
    except RuntimeError:
        library = torch.library.Library("torchvision", "FRAGMENT")
        for op in ("nms", "qnms"):
            library.define(f"{op}(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        import_timm.library = library  # kept alive: dropping it would undefine the operators
    import timm

    return timm

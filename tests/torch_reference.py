"""A PyTorch reference ResNet with torchvision's and timm's state-dict layout, written for the
tests (neither torchvision nor timm is a dependency): torchvision's ResNet (our B form), timm's
deep stem (C) and average-pool shortcut (D). Only imported when torch is installed."""

import torch
from torch import nn


def _bn(channels):
    return nn.BatchNorm2d(channels, eps=1e-5)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = _bn(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = _bn(planes)
        self.downsample = downsample

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + (self.downsample(x) if self.downsample is not None else x))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = _bn(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)  # stride in the 3x3 (B)
        self.bn2 = _bn(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = _bn(planes * 4)
        self.downsample = downsample

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return torch.relu(out + (self.downsample(x) if self.downsample is not None else x))


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000, deep_stem=False, avg_down=False):
        super().__init__()
        if deep_stem:  # timm: 3x3 convs 3->32->32->64, the last one's BN is bn1
            self.conv1 = nn.Sequential(
                nn.Conv2d(3, 32, 3, 2, 1, bias=False), _bn(32), nn.ReLU(),
                nn.Conv2d(32, 32, 3, 1, 1, bias=False), _bn(32), nn.ReLU(),
                nn.Conv2d(32, 64, 3, 1, 1, bias=False),
            )
        else:
            self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = _bn(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.inplanes = 64
        for i, (planes, count) in enumerate(zip((64, 128, 256, 512), layers)):
            setattr(self, f"layer{i + 1}", self._stage(block, planes, count, 1 if i == 0 else 2, avg_down))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _stage(self, block, planes, count, stride, avg_down):
        downsample = None
        out = planes * block.expansion
        if stride != 1 or self.inplanes != out:
            if avg_down:  # timm's downsample_avg: pool (identity at stride 1), 1x1 conv, BN
                pool = nn.AvgPool2d(2, stride, ceil_mode=True, count_include_pad=False) if stride > 1 else nn.Identity()
                downsample = nn.Sequential(pool, nn.Conv2d(self.inplanes, out, 1, bias=False), _bn(out))
            else:
                downsample = nn.Sequential(nn.Conv2d(self.inplanes, out, 1, stride, bias=False), _bn(out))
        blocks = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = out
        blocks += [block(out, planes, 1, None) for _ in range(count - 1)]
        return nn.Sequential(*blocks)

    def forward(self, x):
        x = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        for i in range(1, 5):
            x = getattr(self, f"layer{i}")(x)
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


LAYERS = {18: (BasicBlock, (2, 2, 2, 2)), 34: (BasicBlock, (3, 4, 6, 3)), 50: (Bottleneck, (3, 4, 6, 3))}


def build(depth, form="b", num_classes=1000, seed=0):
    """The reference for our ``resnet{depth}{form}``, with random weights and BN statistics."""
    torch.manual_seed(seed)
    block, layers = LAYERS[depth]
    model = ResNet(block, layers, num_classes, deep_stem=form in ("c", "d"), avg_down=form == "d")
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                n = module.num_features
                module.weight.copy_(torch.rand(n, generator=generator) * 0.5 + 0.5)
                module.bias.copy_(torch.randn(n, generator=generator) * 0.1)
                module.running_mean.copy_(torch.randn(n, generator=generator) * 0.1)
                module.running_var.copy_(torch.rand(n, generator=generator) + 0.5)
    return model.eval()

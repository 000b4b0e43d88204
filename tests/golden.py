"""Golden numbers.

PUBLISHED: figures copied from the project's reference sheet (torchvision's model pages, timm's
model definitions, He et al. 2015 Table 6); a user's clone has no ../shared, so they live here.
Trainable parameters must match exactly, MACs within 2%.

REGISTRY: every registered model's trainable parameters and MACs at its default input size, as
this library counts them (conv + dense multiply-accumulates, batch 1). They agree with PUBLISHED
wherever a figure exists; for the other rows they are regression values that pin the architecture.
"""

PUBLISHED_PARAMS = {
    "resnet18": 11_689_512,
    "resnet18b": 11_689_512,
    "resnet34": 21_797_672,
    "resnet50": 25_557_032,  # the original form has ResNet-50-B's parameters
    "resnet50b": 25_557_032,
    "resnet101b": 44_549_160,
    "resnet152b": 60_192_808,
    "resnet50c": 25_576_264,
    "resnet50d": 25_576_264,
    "resnet18d": 11_708_744,
    "resnet101d": 44_568_392,
    # the wider family: torchvision's model pages (ResNeXt, Wide ResNet) and timm 1.0.31's
    # definitions built with random weights (SE, ECA, ResNet-RS)
    "resnext50_32x4d": 25_028_904,
    "resnext101_32x8d": 88_791_336,
    "resnext101_64x4d": 83_455_272,
    "wide_resnet50_2": 68_883_240,
    "wide_resnet101_2": 126_886_696,
    "seresnet50": 28_088_024,
    "seresnet101": 49_326_872,
    "seresnet152": 66_821_848,
    "seresnext50_32x4d": 27_559_896,
    "seresnext101_32x4d": 48_955_416,
    "seresnext101_32x8d": 93_569_048,
    "ecaresnet50d": 25_576_350,
    "ecaresnet101d": 44_568_563,
    "resnetrs50": 35_691_912,
    "resnetrs101": 63_618_696,
    "resnetrs152": 86_621_576,
    "resnetrs200": 93_209_992,
    "cifar_resnet20": 269_722,
    "cifar_resnet32": 464_154,
    "cifar_resnet44": 658_586,
    "cifar_resnet56": 853_018,
    "cifar_resnet110": 1_727_962,
    "cifar_resnet1202": 19_421_274,
}

# (published MACs, relative tolerance)
PUBLISHED_MACS = {
    "resnet18": (1.81e9, 0.02),
    "resnet34": (3.66e9, 0.02),
    "resnet50b": (4.09e9, 0.02),
    "resnet101b": (7.80e9, 0.02),
    "resnet152b": (11.51e9, 0.02),
    "resnet50": (3.85e9, 0.02),  # "about 3.8-3.9 G"
    "resnet50c": (4.325e9, 0.02),  # "about 4.3-4.35 G"
    "resnet50d": (4.325e9, 0.02),
    # torchvision's model pages (GFLOPS there are multiply-accumulates)
    "resnext50_32x4d": (4.23e9, 0.02),
    "resnext101_32x8d": (16.41e9, 0.02),
    "resnext101_64x4d": (15.46e9, 0.02),
    "wide_resnet50_2": (11.40e9, 0.02),
    "wide_resnet101_2": (22.75e9, 0.02),
    "cifar_resnet20": (40.8e6, 0.02),
    "cifar_resnet56": (125.8e6, 0.02),
    "cifar_resnet110": (253e6, 0.02),  # "about 253 M"
}

#: the registry's ResNet-50 family, in the order `list_models("resnet50*")` gives it
RESNET50_NAMES = [
    "resnet50",
    "resnet50b",
    "resnet50c",
    "resnet50d",
    "resnet50v2",
    "resnet50v2c",
    "resnet50v2d",
    "resnet50v2_keras",
]

REGISTRY = {
    "resnet18": (11_689_512, 1_814_073_344),
    "resnet18b": (11_689_512, 1_814_073_344),
    "resnet18c": (11_708_744, 2_053_713_920),
    "resnet18d": (11_708_744, 2_053_713_920),
    "resnet18v2": (11_687_720, 1_814_073_344),
    "resnet18v2c": (11_706_952, 2_053_713_920),
    "resnet18v2d": (11_706_952, 2_053_713_920),
    "resnet34": (21_797_672, 3_663_761_408),
    "resnet34b": (21_797_672, 3_663_761_408),
    "resnet34c": (21_816_904, 3_903_401_984),
    "resnet34d": (21_816_904, 3_903_401_984),
    "resnet34v2": (21_795_880, 3_663_761_408),
    "resnet34v2c": (21_815_112, 3_903_401_984),
    "resnet34v2d": (21_815_112, 3_903_401_984),
    "resnet50": (25_557_032, 3_857_973_248),
    "resnet50b": (25_557_032, 4_089_184_256),
    "resnet50c": (25_576_264, 4_328_824_832),
    "resnet50d": (25_576_264, 4_328_824_832),
    "resnet50v2": (25_549_352, 4_089_184_256),
    "resnet50v2c": (25_568_584, 4_328_824_832),
    "resnet50v2d": (25_568_584, 4_328_824_832),
    "resnet101": (44_549_160, 7_570_194_432),
    "resnet101b": (44_549_160, 7_801_405_440),
    "resnet101c": (44_568_392, 8_041_046_016),
    "resnet101d": (44_568_392, 8_041_046_016),
    "resnet101v2": (44_541_480, 7_801_405_440),
    "resnet101v2c": (44_560_712, 8_041_046_016),
    "resnet101v2d": (44_560_712, 8_041_046_016),
    "resnet152": (60_192_808, 11_282_415_616),
    "resnet152b": (60_192_808, 11_513_626_624),
    "resnet152c": (60_212_040, 11_753_267_200),
    "resnet152d": (60_212_040, 11_753_267_200),
    "resnet152v2": (60_185_128, 11_513_626_624),
    "resnet152v2c": (60_204_360, 11_753_267_200),
    "resnet152v2d": (60_204_360, 11_753_267_200),
    "resnet200": (64_673_832, 14_776_270_848),
    "resnet200b": (64_673_832, 15_007_481_856),
    "resnet200c": (64_693_064, 15_247_122_432),
    "resnet200d": (64_693_064, 15_247_122_432),
    "resnet200v2": (64_666_152, 15_007_481_856),
    "resnet200v2c": (64_685_384, 15_247_122_432),
    "resnet200v2d": (64_685_384, 15_247_122_432),
    # keras.applications' ResNet50V2/101V2/152V2 layout: its published trainable parameters
    "resnet50v2_keras": (25_568_360, 3_482_255_360),
    "resnet101v2_keras": (44_577_896, 7_194_476_544),
    "resnet152v2_keras": (60_236_904, 10_906_697_728),
    "resnext50_32x4d": (25_028_904, 4_230_479_872),
    "resnext50d_32x4d": (25_048_136, 4_470_120_448),
    "resnext101_32x4d": (44_177_704, 7_969_996_800),
    "resnext101_32x8d": (88_791_336, 16_414_015_488),
    "resnext101_64x4d": (83_455_272, 15_460_270_080),
    "wide_resnet50_2": (68_883_240, 11_398_021_120),
    "wide_resnet101_2": (126_886_696, 22_753_050_624),
    "seresnet18": (11_779_624, 1_814_161_408),
    "seresnet34": (21_960_416, 3_663_920_128),
    "seresnet50": (28_088_024, 4_091_699_200),
    "seresnet101": (49_326_872, 7_806_148_608),
    "seresnet152": (66_821_848, 11_520_204_800),
    "seresnext50_32x4d": (27_559_896, 4_232_994_816),
    "seresnext101_32x4d": (48_955_416, 7_974_739_968),
    "seresnext101_32x8d": (93_569_048, 16_418_758_656),
    "ecaresnet50d": (25_576_350, 4_328_912_640),
    "ecaresnet101d": (44_568_563, 8_041_220_864),
    "resnetrs50": (35_691_912, 4_454_490_112),
    "resnetrs101": (63_618_696, 8_175_624_192),
    "resnetrs152": (86_621_576, 11_895_185_408),
    "resnetrs200": (93_209_992, 15_391_137_792),
    "cifar_resnet20": (269_722, 40_551_040),
    "cifar_resnet20_b": (272_474, 40_813_184),
    "cifar_resnet20_c": (283_962, 42_648_192),
    "cifar_resnet20v2": (269_722, 40_551_040),
    "cifar_plain20": (269_722, 40_551_040),  # cifar_resnet20 without its parameter-free shortcuts
    "cifar_resnet32": (464_154, 68_862_592),
    "cifar_resnet32_b": (466_906, 69_124_736),
    "cifar_resnet32_c": (489_594, 72_532_608),
    "cifar_resnet32v2": (464_154, 68_862_592),
    "cifar_plain32": (464_154, 68_862_592),  # cifar_resnet32 without its parameter-free shortcuts
    "cifar_resnet44": (658_586, 97_174_144),
    "cifar_resnet44_b": (661_338, 97_436_288),
    "cifar_resnet44_c": (695_226, 102_417_024),
    "cifar_resnet44v2": (658_586, 97_174_144),
    "cifar_plain44": (658_586, 97_174_144),  # cifar_resnet44 without its parameter-free shortcuts
    "cifar_resnet56": (853_018, 125_485_696),
    "cifar_resnet56_b": (855_770, 125_747_840),
    "cifar_resnet56_c": (900_858, 132_301_440),
    "cifar_resnet56v2": (853_018, 125_485_696),
    "cifar_plain56": (853_018, 125_485_696),  # cifar_resnet56 without its parameter-free shortcuts
    "cifar_resnet110": (1_727_962, 252_887_680),
    "cifar_resnet110_b": (1_730_714, 253_149_824),
    "cifar_resnet110_c": (1_826_202, 266_781_312),
    "cifar_resnet110v2": (1_727_962, 252_887_680),
    "cifar_plain110": (
        1_727_962,
        252_887_680,
    ),  # cifar_resnet110 without its parameter-free shortcuts
    "cifar_resnet1202": (19_421_274, 2_829_238_912),
    "cifar_resnet1202_b": (19_424_026, 2_829_501_056),
    "cifar_resnet1202_c": (20_538_714, 2_986_263_168),
    "cifar_resnet1202v2": (19_421_274, 2_829_238_912),
}

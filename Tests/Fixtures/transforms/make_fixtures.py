"""Reference outputs of torchvision's transforms for nndash's transform tests.

Run with a Python that has torch, torchvision, numpy and Pillow:
    python Tests/Fixtures/transforms/make_fixtures.py
It writes the input images (PNG and JPEG) and expected.json beside itself. Each case names an
image, a pipeline in torchvision's syntax (nndash parses the same text), and a seed given to
torch.manual_seed just before the pipeline runs; the values are the output tensor, flattened.
"""
import json
import os

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision.transforms import *  # noqa: F401,F403 - the pipelines are evaluated as written

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(17)


def smooth(height, width, channels):
    """A picture with gradients and detail, so that resampling has something to do."""
    y, x = np.mgrid[0:height, 0:width]
    planes = []
    for c in range(channels):
        wave = 127 + 100 * np.sin(x / (2.5 + c) + y / (3.5 - c * 0.7)) + rng.integers(-25, 26, (height, width))
        planes.append(np.clip(wave, 0, 255))
    array = np.stack(planes, axis=-1).astype(np.uint8)
    return array[..., 0] if channels == 1 else array


images = {
    "rgb_40x30.png": Image.fromarray(smooth(30, 40, 3), "RGB"),
    "grey_17x20.png": Image.fromarray(smooth(20, 17, 1), "L"),
    "rgb_9x13.png": Image.fromarray(smooth(13, 9, 3), "RGB"),
}
for name, image in images.items():
    image.save(os.path.join(here, name))
Image.fromarray(smooth(24, 32, 3), "RGB").save(os.path.join(here, "rgb_32x24.jpg"), quality=90)
Image.fromarray(smooth(16, 16, 1), "L").save(os.path.join(here, "grey_16x16.jpg"), quality=85)

cases = [
    ("rgb_40x30.png", "Resize((12,10)),ToTensor()", [0]),
    ("rgb_40x30.png", "Resize(11),ToTensor()", [0]),
    ("grey_17x20.png", "Resize(29),ToTensor()", [0]),
    ("rgb_9x13.png", "Resize((7,23)),ToTensor()", [0]),
    ("grey_17x20.png", "CenterCrop(8),ToTensor()", [0]),
    ("rgb_9x13.png", "CenterCrop((16,12)),ToTensor()", [0]),
    ("rgb_9x13.png", "RandomCrop(10,padding=4),ToTensor()", [0, 1, 2, 3]),
    ("grey_17x20.png", "RandomCrop((12,9),padding=(1,2,3,4)),ToTensor()", [5, 6]),
    ("rgb_9x13.png", "RandomHorizontalFlip(),ToTensor()", [0, 1, 2, 3]),
    ("rgb_9x13.png", "RandomGrayscale(0.8),ToTensor()", [0, 1, 2, 3]),
    ("rgb_9x13.png", "Grayscale(3),ToTensor(),Normalize([0.5,0.4,0.3],[0.2,0.25,0.3])", [0]),
    ("grey_17x20.png", "Resize((10,10)),RandomHorizontalFlip(0.5),ToTensor(),Normalize([0.1307],[0.3081])", [0, 1]),
    ("rgb_40x30.png", "Resize((32,32)),RandomCrop(32,padding=4),RandomGrayscale(p=0.8),ToTensor(),"
                      "Normalize([0.485,0.456,0.406],[0.229,0.224,0.225])", [1, 2]),
    ("rgb_32x24.jpg", "ToTensor()", [0]),
    ("grey_16x16.jpg", "ToTensor()", [0]),
]

out = []
for image_name, pipeline, seeds in cases:
    compose = eval("Compose([" + pipeline + "])")
    for seed in seeds:
        image = Image.open(os.path.join(here, image_name))
        image.load()
        torch.manual_seed(seed)
        tensor = compose(image)
        out.append({
            "image": image_name,
            "pipeline": pipeline,
            "seed": seed,
            "shape": list(tensor.shape),
            "values": [float(v) for v in tensor.flatten().tolist()],
        })

with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump({"torch": torch.__version__, "torchvision": torchvision.__version__,
               "pillow": Image.__version__, "cases": out}, f)

#!/usr/bin/env python3
"""Writes COUNT JPEG photos of about MB megabytes each into FOLDER, deterministically, for the
benchmark's serve row: smooth colour gradients with noise (so that they are real, fully
decodable photos of camera size that JPEG cannot shrink much), written with Pillow (the
pinned one in .build/venv)."""
import os
import random
import sys

from PIL import Image

folder, count, megabytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder, exist_ok=True)
generator = random.Random(15)
side = 2600
for index in range(count):
    path = os.path.join(folder, f"photo-{index + 1:02d}.jpg")
    noise = Image.frombytes("RGB", (side, side), generator.randbytes(side * side * 3))
    noise.save(path, quality=97)
    # Grow or shrink once towards the size asked for (JPEG of noise scales with the pixels).
    size = os.path.getsize(path)
    if index == 0 and abs(size - megabytes * 1_000_000) > 1_000_000:
        side = int(side * (megabytes * 1_000_000 / size) ** 0.5)
        noise = Image.frombytes("RGB", (side, side), generator.randbytes(side * side * 3))
        noise.save(path, quality=97)

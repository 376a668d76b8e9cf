#!/usr/bin/env python3
"""Makes Samples/phone-quality/: one purchase's evidence as a phone leaves it, with the phone's
own file names and no case file (the sample of `make demo`'s quick check, issue 12).

All of one order (render.py's first variant: order 946799918587044260, 声悦数码旗舰店, ¥256.00,
signed for 2026-11-06 10:14:08):

    Screenshot_20261105-203312_Taobao.png   order detail        = Fixtures/screenshots/order-01.png
    Screenshot_20261106-101532_Taobao.png   logistics, signed   = Fixtures/screenshots/logistics-01.png
    微信图片_20261106203901.png              chat with the shop  = Fixtures/screenshots/chat-light-green-01.png
    IMG_4471.PNG                            Alipay bill         rendered here (render.py's alipay_page)
    1699012345678.pdf                       Alipay e-receipt    = Fixtures/screenshots/receipt-text.pdf
    IMG_20261106_201405.jpg                 defect photos       = Samples/quality-earbuds/photos/*.jpg with
    IMG_20261106_201540.jpg                 camera EXIF (taken 20:14 and 20:15 that evening, after signing;
                                            no GPS)

Needs Debian `chromium`, `fonts-noto-cjk`, `imagemagick`, `libimage-exiftool-perl`. Run from anywhere:

    python3 Tests/Fixtures-src/screenshots/phone_sample.py
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import render  # noqa: E402  (render.py beside this file)

REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "Samples", "phone-quality")
SHOTS = os.path.join(REPO, "Tests", "Fixtures", "screenshots")
PHOTOS = os.path.join(REPO, "Samples", "quality-earbuds", "photos")

COPIES = [
    ("order-01.png", "Screenshot_20261105-203312_Taobao.png"),
    ("logistics-01.png", "Screenshot_20261106-101532_Taobao.png"),
    ("chat-light-green-01.png", "微信图片_20261106203901.png"),
    ("receipt-text.pdf", "1699012345678.pdf"),
]
PHOTO_COPIES = [("左耳无声.jpg", "IMG_20261106_201405.jpg"), ("充电仓裂纹.jpg", "IMG_20261106_201540.jpg")]


def main():
    for tool in ("chromium", "convert", "exiftool"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: apt-get install chromium fonts-noto-cjk imagemagick libimage-exiftool-perl")
    # The same first variant as render.py's fixtures (same seed, drawn first).
    v = render.make_cases(random.Random(render.SEED))[0]
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f != "README.md":
            os.remove(os.path.join(OUT, f))
    for src, name in COPIES:
        shutil.copyfile(os.path.join(SHOTS, src), os.path.join(OUT, name))
    for src, name in PHOTO_COPIES:
        target = os.path.join(OUT, name)
        shutil.copyfile(os.path.join(PHOTOS, src), target)
        # An Android phone's camera: the capture times stay as they are (after signing); no
        # location (the quality-earbuds sample is the one that shows a GPS disclosure).
        render.run(["exiftool", "-q", "-overwrite_original", "-gps:all=", "-Make=Xiaomi", "-Model=Redmi Note 12", target])
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "alipay.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(render.alipay_page(dict(v, clock="20:41")))
        raw = os.path.join(tmp, "alipay.raw.png")
        render.chromium(["--force-device-scale-factor=3", "--window-size=360,780", f"--screenshot={raw}"], "file://" + src, tmp)
        render.run(["convert", raw, *render.PNG_OUT, os.path.join(OUT, "IMG_4471.PNG")])
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"order {v['order_number']}, trade {v['trade_number']}, {v['amount']} yuan, signed {v['signed_at']}")
    print(f"{len(os.listdir(OUT))} files, {total / 1e3:.0f} kB in {OUT}")


if __name__ == "__main__":
    main()

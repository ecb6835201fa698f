"""Regenerate tests/applications/ from real Keras: every model of keras.applications.

For each application NAME of APPLICATIONS, built with Keras (keras 3.15 on TensorFlow CPU)
with `weights=None` and its other arguments left at their defaults, in a fresh Keras
session (its auto-names are a fresh process's), it writes, under tests/applications/:
- name.json.gz: the model's `model.to_json()`, gzipped (level 9, mtime 0: the same model
  gives the same bytes); `convcalc summarize name.json.gz` reads it;
- name.out.gz: what `model.summary()` prints to a non-terminal stdout of 200 columns
  (Keras's own width then: 108 columns for these functional models), gzipped;
- name.figures.json.gz: Keras's own figures, in the schema of
  `convcalc summarize --format json` (every row, the totals), gzipped.
(name: NAME in lower case, e.g. resnet50, nasnetlarge, efficientnetv2b0.)

Only the shapes are built: the weights get no values (keras.StatelessScope), nothing is
downloaded. tests/test_applications.py compares convcalc's summaries with these files.

Run: python scripts/gen_applications.py           (all of them; needs the [test] extra)
     python scripts/gen_applications.py NAME...   (only these, e.g. ResNet50 NASNetLarge)
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convcalc.graph import LayerCall  # noqa: E402
from convcalc.oracle.keras_reference import build_application, figures, import_keras, summary_text  # noqa: E402

OUT = ROOT / "tests" / "applications"
# Every model keras.applications exports (Keras 3.15); main() checks the list is whole.
APPLICATIONS = (
    "ConvNeXtBase", "ConvNeXtLarge", "ConvNeXtSmall", "ConvNeXtTiny", "ConvNeXtXLarge",
    "DenseNet121", "DenseNet169", "DenseNet201",
    "EfficientNetB0", "EfficientNetB1", "EfficientNetB2", "EfficientNetB3",
    "EfficientNetB4", "EfficientNetB5", "EfficientNetB6", "EfficientNetB7",
    "EfficientNetV2B0", "EfficientNetV2B1", "EfficientNetV2B2", "EfficientNetV2B3",
    "EfficientNetV2L", "EfficientNetV2M", "EfficientNetV2S",
    "InceptionResNetV2", "InceptionV3",
    "MobileNet", "MobileNetV2", "MobileNetV3Large", "MobileNetV3Small",
    "NASNetLarge", "NASNetMobile",
    "ResNet101", "ResNet101V2", "ResNet152", "ResNet152V2", "ResNet50", "ResNet50V2",
    "VGG16", "VGG19", "Xception",
)
COLUMNS = "200"


def file_stem(name):
    """The files' name for an application: ResNet50 -> resnet50."""
    return name.lower()


def gzipped(text):
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def generate(name, keras):
    """name -> {file name: bytes} of one application."""
    model = build_application(LayerCall(name, kwargs={"weights": None}), keras, initialize=False)
    os.environ["COLUMNS"] = COLUMNS
    stem = file_stem(name)
    return {
        f"{stem}.json.gz": gzipped(model.to_json()),
        f"{stem}.out.gz": gzipped(summary_text(model)),
        f"{stem}.figures.json.gz": gzipped(json.dumps(figures(model, keras), separators=(",", ":")) + "\n"),
    }


def main():
    keras = import_keras("tensorflow")
    exported = {n for n in dir(keras.applications) if n[:1].isupper()}
    if exported != set(APPLICATIONS):
        sys.exit(f"keras.applications exports {sorted(exported ^ set(APPLICATIONS))}, which APPLICATIONS "
                 "does not match: update the list")
    names = sys.argv[1:] or APPLICATIONS
    unknown = [n for n in names if n not in APPLICATIONS]
    if unknown:
        sys.exit(f"not an application: {', '.join(unknown)} (one of: {', '.join(APPLICATIONS)})")
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        files = generate(name, keras)
        for file_name, data in files.items():
            path = OUT / file_name
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
        total = json.loads(gzip.decompress(files[f"{file_stem(name)}.figures.json.gz"]))["total_params"]
        print(f"{name}: {total:,} params")


if __name__ == "__main__":
    main()

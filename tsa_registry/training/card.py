"""The model card (README.md) saved with a run's best model: what it was trained from and on,
its dev score, and the data's licence condition, which travels with the model wherever the
folder is copied or uploaded."""

from __future__ import annotations

from tsa_registry.formatting import percent
from tsa_registry.licences import licence_class
from tsa_registry.training.request import TrainRequest


def model_card(request: TrainRequest, dev_f1: float, epoch: int) -> str:
    terms = request.data_terms
    front = ["---", f"base_model: {_yaml(request.model)}", "library_name: transformers",
             "pipeline_tag: token-classification", "tags:", "- targeted-sentiment-analysis", "- tsa-registry"]
    if terms is not None:
        front += ["datasets:", f"- {_yaml(terms.data_set)}"]
        if licence_class(terms.licence) == "non-commercial":
            front += ["license: other", f"license_name: {_yaml(terms.licence + ' (training data)')}"]
    front.append("---")
    body = [
        "",
        "# Targeted sentiment analysis (TSA) model",
        "",
        f"Fine-tuned from `{request.model}` with tsa-registry (Simpletransformers NER, model_type "
        f"`{request.model_type}`) to tag targets with their polarity "
        f"({'with intensity' if request.intensity else 'B-targ-Positive, I-targ-Negative, ...'}).",
        "",
        f"Best epoch {epoch}: strict span F1 {percent(dev_f1)} on the dev data.",
    ]
    if terms is not None:
        body += ["", "## Licence of the training data", "", terms.caveat]
    return "\n".join(front + body) + "\n"


def _yaml(text: str) -> str:
    """A YAML scalar that stays a string whatever it holds."""
    import json

    return json.dumps(text, ensure_ascii=False)

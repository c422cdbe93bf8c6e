"""Which Simpletransformers model_type a config needs: config model_type -> family -> NERModel type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tsa_registry.check.findings import Finding, error, ok, warning
from tsa_registry.check.report import Verdict
from tsa_registry.families import Family

if TYPE_CHECKING:
    from tsa_registry.registry import Registry


@dataclass
class Architecture:
    verdict: Verdict  # the verdict the architecture alone allows
    reason: str
    family: Family | None = None
    simpletransformers_model_type: str | None = None
    findings: list[Finding] = field(default_factory=list)
    native: bool = False  # transformers' own class is used, whatever the config's auto_map says


def _transformers_tables() -> tuple[Mapping[str, str], Mapping[str, str], Mapping[str, str]]:
    from transformers.models.auto import modeling_auto as auto

    return (auto.MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING_NAMES, auto.MODEL_FOR_MASKED_LM_MAPPING_NAMES,
            auto.MODEL_FOR_CAUSAL_LM_MAPPING_NAMES)


def installed_transformers() -> str:
    from importlib.metadata import version

    return version("transformers")


def is_native(family: Family, transformers_version: str) -> bool:
    """Whether this transformers version has the family's own class (`native_since` and later):
    then a config's auto_map is ignored unless the user passes trust_remote_code."""
    from packaging.version import Version

    return family.native_since is not None and Version(transformers_version) >= Version(family.native_since)


def resolve_architecture(config: Mapping[str, Any], registry: Registry, *, trust_remote_code: bool,
                         transformers_version: str | None = None) -> Architecture:
    """The family that claims the config (through the plugins), or transformers' own tables.
    `transformers_version` is the installed one unless given."""
    model_type = config.get("model_type")
    auto_map = config.get("auto_map") if isinstance(config.get("auto_map"), Mapping) else {}
    family = registry.family_for_config(config)
    if family is not None:
        arch = _from_family(family, model_type, bool(auto_map), trust_remote_code,
                            transformers_version or installed_transformers())
    elif auto_map:
        arch = _remote_code(auto_map, trust_remote_code)
    elif not isinstance(model_type, str):
        return Architecture("incompatible", "config.json names no model_type", findings=[error(
            "architecture.no-model-type", "config.json has neither a model_type nor an auto_map: "
            "transformers cannot tell which architecture this is.")])
    else:
        arch = _unclaimed(model_type)
    if isinstance(model_type, str):
        token, masked, causal = _transformers_tables()
        if model_type in causal and model_type not in masked:
            arch.findings.append(warning(
                "architecture.decoder-only",
                f"{model_type} is a decoder-only (left-to-right) model: in token classification each "
                "word sees only the words before it, never the ones after, which costs accuracy on "
                "targeted sentiment.", "Prefer a bidirectional encoder (BERT, XLM-R, NorBERT)."))
    return arch


def _from_family(family: Family, model_type: Any, remote: bool, trust: bool, version: str) -> Architecture:
    st_type = family.simpletransformers_model_type
    claimed = f"model_type {model_type!r} is" if model_type else "its auto_map classes are"
    found = [ok("architecture.family", f"{claimed} claimed by the {family.title} family "
                f"(plugin {family.plugin or 'unknown'}): Simpletransformers model_type {st_type!r}.")]
    if family.native_since is not None:
        found.append(_native_finding(family, remote, trust, version))
        if is_native(family, version) and not trust:
            return Architecture("compatible", "", family, st_type, found, native=True)
    if family.compatibility == "incompatible":
        found.append(error("architecture.incompatible", f"{family.title}: {family.reason or 'not usable'}"))
        return Architecture("incompatible", family.reason or "the family is incompatible", family, st_type, found)
    if family.compatibility == "needs-opt-in" or remote:
        return _opt_in(family, st_type, found, trust, family.reason)
    return Architecture("compatible", "", family, st_type, found)


def _native_finding(family: Family, remote: bool, trust: bool, version: str) -> Finding:
    if not is_native(family, version):
        return warning("architecture.not-native", f"transformers {version} is installed: it has no "
                       f"{family.title} class of its own (native from {family.native_since}), so loading "
                       "needs the repository's code.", f"Upgrade transformers to {family.native_since} or "
                       "later, or read the repository's .py files and pass --trust-remote-code.")
    if remote and trust:
        return warning("architecture.native", f"transformers {version} is installed and has its own "
                       f"{family.title} class (from {family.native_since}), but with --trust-remote-code it "
                       "runs the repository's code instead (the config's auto_map wins).",
                       "Leave out --trust-remote-code to use transformers' own class.")
    return ok("architecture.native", f"transformers {version} is installed and has its own {family.title} "
              f"class (from {family.native_since}): no remote code runs.")


def _opt_in(family: Family | None, st_type: str | None, found: list[Finding], trust: bool,
            why: str) -> Architecture:
    why = (why or "its config.json points to modelling code in the repository (auto_map)").rstrip(".")
    if trust:
        found.append(warning("architecture.remote-code", f"Remote code will run: {why}",
                             "Read the repository's .py files before training."))
        return Architecture("compatible-with-settings", "", family, st_type, found)
    found.append(warning("architecture.remote-code",
                         f"Needs the repository's own code to run: {why}. It was not run.",
                         "Read the repository's .py files, then pass --trust-remote-code."))
    return Architecture("needs-opt-in", "remote code must be allowed with --trust-remote-code",
                        family, st_type, found)


def _remote_code(auto_map: Mapping[str, Any], trust: bool) -> Architecture:
    if "AutoModelForTokenClassification" not in auto_map:
        return Architecture("incompatible", "its own code has no token-classification class", None, None, [
            error("architecture.no-token-classification",
                  "The config's auto_map (custom code) has no AutoModelForTokenClassification class.")])
    found = [warning("architecture.unclaimed", "No family claims this custom architecture; "
                     "Simpletransformers' 'auto' type can load its token-classification class.")]
    return _opt_in(None, "auto", found, trust, "")


def _unclaimed(model_type: str) -> Architecture:
    token, _, _ = _transformers_tables()
    if model_type in token:
        reason = (f"no family claims model_type {model_type!r}: it runs through Simpletransformers' "
                  "'auto' model type, untested here")
        return Architecture("compatible-with-settings", reason, None, "auto", [warning(
            "architecture.unclaimed",
            f"No family claims model_type {model_type!r}; transformers has {token[model_type]}, so "
            "Simpletransformers' 'auto' model type should load it (untested here).",
            "Run `tsa-registry check --deep` to try it, or write a family plugin.")])
    reason = f"transformers has no token-classification class for model_type {model_type!r}"
    return Architecture("incompatible", reason, None, None, [error(
        "architecture.no-token-classification", f"Not usable for TSA: {reason} (it is not an encoder "
        "that tags tokens, e.g. a translation or generation model).")])

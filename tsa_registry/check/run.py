"""check_model: one compatibility report for a catalogue id, a Hub repo id or a local folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tsa_registry.check.findings import Finding, error, warning
from tsa_registry.check.report import CatalogueSection, FamilySection, LengthSection, Report
from tsa_registry.check.suggest import needed_settings_for, resources_section
from tsa_registry.near import did_you_mean
from tsa_registry.task.lengths import choose_max_seq_length

if TYPE_CHECKING:
    from tsa_registry.catalogue import CatalogueEntry
    from tsa_registry.families import Family
    from tsa_registry.registry import Registry
    from tsa_registry.sources.facts import ModelFacts

Say = Callable[[str], None]


def check_model(model: str, *, registry: Registry | None = None, revision: str | None = None,
                data: Path | None = None, max_seq_length: int | None = None,
                gpu_memory_gib: float | None = None, deep: bool = False, trust_remote_code: bool = False,
                allow_pickle: bool = False, offline: bool | None = None, token: str | bool | None = None,
                progress: Say | None = None, transformers_version: str | None = None) -> Report:
    """Everything `tsa-registry check` reports. Never loads weights; runs remote code only when
    `trust_remote_code` is True. Pickle weights make the verdict `needs-opt-in` unless
    `allow_pickle`, as `train` refuses them. Bad `data` raises the CoNLL reader's DataError.
    `transformers_version` (the installed one unless given) decides which families are native."""
    from tsa_registry.registry import load_registry
    from tsa_registry.sources import SourceError, load_facts

    registry = registry or load_registry()
    say = progress or (lambda message: None)
    sentences = _read_data(data)
    report = Report(model=model)
    entry = registry.entries.get(model)
    if entry is not None:
        report.catalogue = CatalogueSection(id=entry.id, status=entry.status, family=entry.family,
                                            notes=entry.notes, references=list(entry.references))
    try:
        facts = load_facts(model, revision=revision, token=token, offline=offline,
                           trust_remote_code=trust_remote_code, progress=say)
    except SourceError as failure:
        if entry is not None and failure.unreachable:  # a catalogue id's facts stand in
            from tsa_registry.check.catalogue_facts import report_from_catalogue

            return report_from_catalogue(report, entry, registry, failure, gpu_memory_gib)
        hint = did_you_mean(model, registry.entries) if entry is None else ""
        report.add(error(failure.code, failure.message, " ".join(filter(None, (hint, failure.fix)))))
        return _unknown(report, failure.message)
    report.source, report.revision = facts.source, facts.revision
    report.licence, report.gated, report.remote_code = facts.licence, facts.gated, facts.remote_code
    if facts.config is None:
        report.add(error("config.unreadable", f"{facts.model}: {facts.config_error}.",
                         "A usable checkpoint needs a valid config.json; report it to the model's authors."))
        return _unknown(report, facts.config_error)
    _inspect(report, facts, registry, entry, sentences, max_seq_length, gpu_memory_gib,
             (trust_remote_code, allow_pickle), say, transformers_version)
    model_type = report.simpletransformers_model_type
    if deep and model_type and (trust_remote_code or not facts.remote_code):
        from tsa_registry.check.deep import deep_check

        say("Running the deep check (a few real training steps)")
        half = report.weights.half_precision if report.weights else False
        report.deep, found = deep_check(facts.folder, model_type=model_type, settings=report.suggested_args,
                                        half=half, trust_remote_code=trust_remote_code, progress=say)
        report.add(*found)
        if not report.deep.passed and report.verdict != "unknown":
            report.verdict, report.reason = "incompatible", found[0].message
    return report


def _inspect(report: Report, facts: ModelFacts, registry: Registry, entry: CatalogueEntry | None,
             sentences: list[list[str]] | None, max_seq_length: int | None, gpu_gib: float | None,
             opt_ins: tuple[bool, bool], say: Say, transformers_version: str | None = None) -> None:
    from tsa_registry.check.architecture import resolve_architecture
    from tsa_registry.check.card import card_findings
    from tsa_registry.check.parameters import parameter_summary
    from tsa_registry.check.tokenizer import remote_code_finding
    from tsa_registry.check.weights import weights_findings

    assert facts.config is not None
    trust, allow_pickle = opt_ins
    arch = resolve_architecture(facts.config, registry, trust_remote_code=trust,
                                transformers_version=transformers_version)
    report.verdict, report.reason = arch.verdict, arch.reason
    report.simpletransformers_model_type = arch.simpletransformers_model_type
    report.add(*arch.findings)
    if "tokenizer_config.json" in facts.remote_code_files:
        report.add(remote_code_finding(facts.tokenizer_config, trust))
        _opt_in(report, not trust, "the tokenizer's own code must be allowed with --trust-remote-code")
    family = arch.family
    if family is not None:
        report.family = FamilySection(name=family.name, title=family.title, plugin=family.plugin,
                                      problems=list(family.problems))
    report.norwegian, found = card_findings(facts)
    report.add(*found)
    report.weights, found = weights_findings(facts, allow_pickle=allow_pickle)
    report.add(*found)
    say("Counting parameters")
    report.parameters = parameter_summary(facts.config, facts.safetensors_parameters)
    if entry is not None and entry.status == "incompatible":
        report.add(warning("catalogue.incompatible", f"The catalogue marks {entry.id} incompatible: {entry.notes}"))
    say("Loading the tokenizer")
    cased, limit, lengths = _tokenizer(report, facts, sentences, trust)
    needed = needed_settings_for(family, cased, facts.remote_code and not arch.native, entry)
    if max_seq_length and limit and max_seq_length > limit:  # never suggest more than the model has
        report.add(warning("length.over-positions", f"max_seq_length {max_seq_length} is more than the "
                           f"{limit} positions the model has: training would fail on the first "
                           "sentence that long.", f"Use at most {limit} (in the suggested settings)."))
    seq = choose_max_seq_length(lengths, max_seq_length, limit)  # as `train` chooses it
    if lengths is not None:
        from tsa_registry.check.length import length_findings

        report.length, found = length_findings(lengths, limit=limit, max_seq_length=seq)
        report.add(*found)
    else:
        report.length = LengthSection(max_positions=limit, max_seq_length=seq)
    report.suggested_args = {**(family.defaults if family else {}), **needed, "max_seq_length": seq}
    report.resources = resources_section(report, facts.config, seq, gpu_gib)
    _plugin_checks(report, registry, facts, family)
    if report.verdict in ("compatible", "compatible-with-settings"):
        errors = [f for f in report.findings if f.severity == "error"]
        if errors:
            report.verdict, report.reason = "incompatible", errors[0].message
        elif needed or report.verdict == "compatible-with-settings":
            report.verdict = "compatible-with-settings"
            if needed and not report.reason:
                report.reason = "needs " + ", ".join(f"{k}={v}" for k, v in needed.items())
    _opt_in(report, report.weights.needs_allow_pickle and not allow_pickle,
            "pickle weights must be allowed with --allow-pickle")


def _opt_in(report: Report, needed: bool, why: str) -> None:
    """A usable model that needs an opt-in the user did not give: `needs-opt-in`, as `train`
    refuses it without that flag; a model that needs several says so in one reason."""
    if not needed:
        return
    if report.verdict in ("compatible", "compatible-with-settings"):
        report.verdict, report.reason = "needs-opt-in", why
    elif report.verdict == "needs-opt-in" and why not in report.reason:
        report.reason = f"{report.reason}; {why}"


def _tokenizer(report: Report, facts: ModelFacts, sentences: list[list[str]] | None,
               trust: bool) -> tuple[bool | None, int | None, list[int] | None]:
    """Load and judge the tokenizer; its casing, the model's usable positions and, with data,
    each sentence's length in subwords (None, None, None when it cannot be loaded)."""
    from tsa_registry.check.coverage import coverage_findings, measure
    from tsa_registry.check.tokenizer import inspect_tokenizer, load_tokenizer
    from tsa_registry.task.lengths import subword_lengths, usable_positions
    from tsa_registry.task.norwegian import PROBES

    assert facts.config is not None and report.norwegian is not None
    try:
        # As NERModel loads it: Simpletransformers passes do_lower_case (False unless set).
        tokenizer = load_tokenizer(facts.folder, trust_remote_code=trust, do_lower_case=False)
    except Exception as failure:  # noqa: BLE001 - whatever stops the tokenizer from loading
        opt_in = facts.remote_code and not trust
        report.add((warning if opt_in else error)(
            "tokenizer.load", f"The tokenizer could not be loaded: {type(failure).__name__}: {failure}"[:400],
            "It may need the repository's code (--trust-remote-code)." if opt_in else ""))
        return None, None, None
    report.tokenizer, found, tokenizer = inspect_tokenizer(tokenizer, facts.folder, trust_remote_code=trust)
    report.add(*found)
    for variety, probes in PROBES.items():
        measured = measure(tokenizer, [s.split() for s in probes])
        report.norwegian.coverage[variety] = measured.section()
        report.add(*coverage_findings(f"{variety.capitalize()} probes", measured))
    lengths = None
    if sentences is not None:
        measured = measure(tokenizer, sentences)
        report.norwegian.coverage["data"] = measured.section()
        report.add(*coverage_findings("Your data", measured))
        # As NERModel counts: its special tokens for this model_type, not the tokenizer's own.
        lengths = subword_lengths(tokenizer, sentences, report.simpletransformers_model_type,
                                  measured.pieces)
    limit = usable_positions(facts.config, report.tokenizer.max_length)
    return report.tokenizer.cased, limit, lengths


def _plugin_checks(report: Report, registry: Registry, facts: ModelFacts, family: Family | None) -> None:
    """The plugins' checks for this family: one that raises (even sys.exit) or returns something
    other than findings becomes a warning, and the others still run."""
    from tsa_registry.plugin_guard import describe, watching_ctrl_c

    for check in registry.checks_for(family):
        about = f"Plugin check {check.name} (plugin {check.plugin!r})"
        with watching_ctrl_c() as pressed:
            try:
                found = list(check.function(facts, family) or ())
            except BaseException as failure:  # one broken plugin must not stop the check
                if pressed(failure):
                    raise
                report.add(warning("plugin.check-failed", f"{about} failed: {describe(failure)}",
                                   "Report it to the plugin's authors."))
                continue
        stray = [item for item in found if not isinstance(item, Finding)]
        if stray:
            report.add(warning("plugin.check-failed", f"{about} returned {stray[0]!r}, which is not a Finding",
                               "Report it to the plugin's authors."))
        report.add(*[f for f in found if isinstance(f, Finding)])


def _read_data(data: Path | None) -> list[list[str]] | None:
    if data is None:
        return None
    from tsa_registry.task.conll import read_conll

    return [list(s.tokens) for s in read_conll(data).sentences]


def _unknown(report: Report, why: str | None) -> Report:
    report.verdict, report.reason = "unknown", why or "could not read the model"
    return report

"""Norwegian text written for this project: probe sentences and TSA-tagged template sentences.

Nothing here is copied from a corpus. The probes measure how well a tokenizer covers Bokmål and
Nynorsk; the templates give tiny models a vocabulary and give the deep check sentences tagged
the NoReC_tsa way (B-/I-targ-Positive, B-/I-targ-Negative, O). Which language codes mean
Norwegian is tsa_registry/languages.py.
"""

from __future__ import annotations

import random

PROBES = {
    "bokmål": [
        "Filmen får terningkast fem , men lyden var dårlig .",
        "Skuespillerne gjør en imponerende innsats i den nye serien fra NRK .",
        "Jeg gikk på kino i Tromsø i går , og salen var nesten tom .",
        "Boka handler om en ung kvinne som flytter fra Bodø til Oslo .",
        "Maten på restauranten var både dyr og kjedelig .",
        "Høyttalerne har god bass , men batteriet varer ikke lenge nok .",
        "Forestillingen på Nationaltheatret er årets største overraskelse .",
        "Det nye albumet til bandet låter friskere enn det forrige .",
        "Servicen var treg , og kelneren glemte bestillingen vår to ganger .",
        "Romanen er skrevet med en sjelden varme og presisjon .",
        "Kameraet tar skarpe bilder i dagslys , men sliter når det blir mørkt .",
        "Vi håper at regissøren får lage flere filmer som denne .",
    ],
    "nynorsk": [
        "Filmen får terningkast fem , men lyden var dårleg .",
        "Skodespelarane gjer ein imponerande innsats i den nye serien frå NRK .",
        "Eg gjekk på kino i Tromsø i går , og salen var nesten tom .",
        "Boka handlar om ei ung kvinne som flyttar frå Bodø til Oslo .",
        "Maten på restauranten var både dyr og keisam .",
        "Høgtalarane har god bass , men batteriet varer ikkje lenge nok .",
        "Framsyninga på Det Norske Teatret er årets største overrasking .",
        "Det nye albumet til bandet høyrest friskare ut enn det førre .",
        "Servicen var treig , og kelneren gløymde bestillinga vår to gonger .",
        "Romanen er skriven med ein sjeldan varme og presisjon .",
        "Kameraet tek skarpe bilete i dagslys , men slit når det blir mørkt .",
        "Me håpar at regissøren får laga fleire filmar som denne .",
    ],
}

# Words whose meaning changes when accents are stripped: shown in the tokenizer finding.
ACCENT_WORDS = ("får", "på", "før", "så", "blå")

_LEXICON = {
    "bokmål": {
        "targets": ["filmen", "boka", "serien", "maten", "lyden", "musikken", "albumet", "romanen",
                    "forestillingen", "restauranten", "servicen", "kameraet", "batteriet", "spillet",
                    "konserten", "hotellet", "utsikten", "skuespillerne", "handlingen", "prisen",
                    "den nye filmen", "det siste albumet", "hele forestillingen", "lydbildet på plata"],
        "pos": ["flott", "god", "fantastisk", "morsom", "spennende", "vakker", "imponerende",
                "sjarmerende", "gripende", "nydelig"],
        "neg": ["dårlig", "kjedelig", "skuffende", "treg", "middelmådig", "altfor dyr", "forutsigbar",
                "slitsom"],
        "patterns": [
            "{T+} var {P} .", "{T-} var {N} .", "{T+} var {P} , men {t-} var {N} .",
            "Jeg likte {t+} veldig godt .", "Vi ble skuffet over {t-} .",
            "{T+} får terningkast seks av anmelderen .", "Dessverre var {t-} både {N} og {N} .",
            "Vi var på konsert i Bodø i går .", "Anmelderen har sett {t+} to ganger , og den er {P} .",
            "Det er vanskelig å forstå hvorfor {t-} får så mye ros .",
            "Etter en time på Grünerløkka var {t+} fortsatt {P} .", "Hvem har egentlig bedt om {t-} ?",
        ],
    },
    "nynorsk": {
        "targets": ["filmen", "boka", "serien", "maten", "lyden", "musikken", "plata", "romanen",
                    "framsyninga", "restauranten", "tenesta", "kameraet", "batteriet", "spelet",
                    "konserten", "hotellet", "utsikta", "skodespelarane", "handlinga", "prisen",
                    "den nye filmen", "den siste plata", "heile framsyninga", "lydbiletet på plata"],
        "pos": ["fin", "god", "framifrå", "morosam", "spanande", "vakker", "imponerande", "sjarmerande",
                "gripande", "nydeleg"],
        "neg": ["dårleg", "keisam", "skuffande", "treig", "middelmåtig", "altfor dyr", "føreseieleg",
                "slitsam"],
        "patterns": [
            "{T+} var {P} .", "{T-} var {N} .", "{T+} var {P} , men {t-} var {N} .",
            "Eg likte {t+} svært godt .", "Me vart skuffa over {t-} .",
            "{T+} får terningkast seks av meldaren .", "Dessverre var {t-} både {N} og {N} .",
            "Me var på konsert i Tromsø i går .", "Meldaren har sett {t+} to gonger , og han er {P} .",
            "Det er vanskeleg å forstå kvifor {t-} får så mykje ros .",
            "Etter ein time på Voss var {t+} framleis {P} .", "Kven har eigentleg bede om {t-} ?",
        ],
    },
}


def tagged_sentences(n: int = 400, *, seed: int = 0) -> list[tuple[list[str], list[str]]]:
    """`n` template sentences, alternately Bokmål and Nynorsk, as (words, NoReC_tsa tags)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lex = _LEXICON["bokmål" if i % 2 == 0 else "nynorsk"]
        words: list[str] = []
        tags: list[str] = []
        for slot in rng.choice(lex["patterns"]).split():
            if slot in ("{P}", "{N}"):
                filler = rng.choice(lex["pos" if slot == "{P}" else "neg"]).split()
                words += filler
                tags += ["O"] * len(filler)
            elif slot[:2] in ("{T", "{t"):
                target = rng.choice(lex["targets"]).split()
                if slot[1] == "T":
                    target[0] = target[0][0].upper() + target[0][1:]
                polarity = "Positive" if slot[2] == "+" else "Negative"
                words += target
                tags += [f"B-targ-{polarity}"] + [f"I-targ-{polarity}"] * (len(target) - 1)
            else:
                words.append(slot)
                tags.append("O")
        out.append((words, tags))
    return out

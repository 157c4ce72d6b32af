"""Actor mentions from the spaCy parse, resolved with the knowledge base on the article's date.

Each mention records why it resolved (rule) and how sure we are (confidence). Unknown
actors are kept with their text and a null code, never forced.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import ActorMention
from . import Alias, KnowledgeBase

LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "across", "within", "throughout", "outside", "around"})
# "missiles at Israel", "drills around Taiwan": with a country these name a target, not a venue.
COUNTRY_TARGET_PREPS = frozenset({"at", "around"})
# "travel to Kyiv", "flew to Ankara", "a visit to Taipei": destinations of movement are places.
MOTION_WORDS = frozenset({"travel", "fly", "go", "come", "return", "head", "arrive", "move", "relocate", "flee",
                          "trip", "visit", "journey", "flight", "tour", "welcome", "drive", "sail", "evacuate"})
PERSON_CONTEXT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos"})
CONFIDENCE = {
    "kb-role-by-title": 0.85,
    "kb-former": 0.8,
    "kb": 0.95,
    "kb-role": 0.95,
    "kb-out-of-office": 0.8,
    "kb-undated": 0.75,
    "kb-undated-ambiguous": 0.6,
    "capital": 0.85,
    "seat": 0.9,
    "adjective-title": 0.85,
    "adjective": 0.6,
    "title-pattern": 0.8,
    "memory": 0.75,
    "unknown": 0.3,
}


@dataclass
class _Match:
    start: int  # token index
    end: int
    aliases: tuple[Alias, ...]


def _norm(text: str) -> str:
    return text.replace("’", "'")


def find_alias_spans(doc, kb: KnowledgeBase) -> list[_Match]:
    """Longest KB surface forms over the tokens, left to right, non-overlapping."""
    matches: list[_Match] = []
    i = 0
    while i < len(doc):
        found = None
        for j in range(min(len(doc), i + kb.max_alias_tokens), i, -1):
            aliases = kb.lookup(_norm(doc[i:j].text))
            if aliases:
                found = _Match(i, j, aliases)
                break
        if found is None and "-" in doc[i].text:
            for part in doc[i].text.split("-"):
                if kb.lookup(_norm(part)):
                    matches.append(_Match(i, i + 1, kb.lookup(_norm(part))))
            i += 1
            continue
        if found:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


def inside_longer_name(span) -> bool:
    """The span is the tail of a longer proper name: a capitalised word right before it belongs to it."""
    if span.start == 0:
        return False
    doc = span.doc
    before = doc[span.start - 1]
    if before.lower_ in ("and", "&", "of", "for") and span.start >= 2:
        joined = doc[span.start - 2]  # "Peace and Security Council", "Ministry of Foreign Affairs"
        return (joined.pos_ == "PROPN" and joined.text[:1].isupper() and span[0].pos_ == "PROPN"
                and joined.i in {t.i for t in span.root.subtree})
    return before.pos_ == "PROPN" and before.text[:1].isupper() and before.head.i in range(span.start, span.end)


def is_place(span, country: bool = False) -> bool:
    """'in Ashgabat', 'at Kazan': the span names where something happened, not who acted."""
    head = span.root
    while head.dep_ in ("compound", "conj", "appos") and head.head is not head:
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ in LOCATIVE_PREPS - (COUNTRY_TARGET_PREPS if country else frozenset()):
        return True
    return prep.lower_ in ("to", "from") and prep.head.lemma_.lower() in MOTION_WORDS


def people_in_place(span, kb):
    """(noun, sector) when the place names where a group of people is: 'demonstrators in Baghdad'."""
    head = span.root
    if head.dep_ != "pobj" or head.head.lower_ not in ("in", "from", "throughout", "across"):
        return None
    noun = head.head.head
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return None
    sector = kb.title_sector(noun.lemma_) or kb.title_sector(noun.lower_)
    # "troops in Syria" are usually someone else's troops stationed there
    return (noun, sector) if sector and sector != "MIL" else None


def inside_place_name(span) -> bool:
    """'Sea of Japan', 'Taiwan Strait', 'Bandar Abbas': the match is part of a longer geographic name."""
    for ent in span.doc.ents:
        if ent.label_ in ("LOC", "FAC", "GPE") and ent.start <= span.start and span.end <= ent.end \
                and (ent.end - ent.start) > (span.end - span.start):
            extra = [t for t in ent if t.i < span.start or t.i >= span.end]
            if any(t.pos_ in ("CCONJ", "PUNCT") for t in ent):
                continue  # "Turkey and the United Nations" is two names, not one
            if any(t.text[:1].isupper() and t.lower_ not in ("the",) for t in extra):
                return True
    return False


def _choose(aliases: tuple[Alias, ...], kb: KnowledgeBase) -> Alias:
    """Prefer organisations and people over countries when one surface names several."""
    order = {"person": 0, "igo": 1, "organ": 1, "state-body": 1, "media": 2, "country": 3}
    return sorted(aliases, key=lambda a: order.get(kb.actors[a.actor_id].kind, 2))[0]


def title_phrase(tokens, kb: KnowledgeBase) -> tuple[str, str] | None:
    """Longest run of tokens naming a role ('deputy foreign minister') -> (phrase, sector)."""
    words = [t.lower_ for t in tokens]
    lemmas = [t.lemma_.lower() for t in tokens]
    best = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            for seq in (words[i:j], lemmas[i:j]):
                phrase = " ".join(seq)
                sector = kb.title_sector(phrase)
                if sector and (best is None or j - i > len(best[0].split())):
                    best = (phrase, sector)
    return best


FORMER = frozenset({"former", "ex", "then", "erstwhile", "onetime", "late"})
TITLE_STOP = frozenset({"of", "the", "for", "and", "on", "in", "to", "a", "an", "at", "&"})


def _left_context(span, width: int = 10) -> set[str]:
    """Lower-cased words just before a name and in its noun phrase ("EU's High Representative ... Borrell")."""
    doc = span.doc
    left = doc[max(span.sent.start, span.start - width):span.start]
    phrase = [t for t in span.root.head.subtree if t.i < span.start or t.i >= span.end] if span.root.dep_ == "appos" \
        else []
    return {t.lower_ for t in [*left, *phrase]} | {t.lemma_.lower() for t in [*left, *phrase]}


def role_by_title(actor, context: set[str]):
    """Without a date, the role whose title the text itself names ("Vice President Kamala Harris")."""
    best, best_score = None, 0
    for role in actor.roles:
        words = {w for w in role.title.lower().replace("-", " ").split() if w not in TITLE_STOP}
        score = len(words & context)
        if score > best_score or (score == best_score and best is not None and (role.start or "") > (best.start or "")):
            best, best_score = role, score
    return best if best_score else None


def _noun_of(token):
    """The noun an adjective describes, through coordination: 'the Russian and Iranian presidents'."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.head if token.dep_ in ("amod", "compound", "nmod") else token


def resolve_mentions(doc, kb: KnowledgeBase, day: str | None) -> list[ActorMention]:
    """Every actor mention in `doc`, ordered by position."""
    sentence_of = {}
    for s_index, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = s_index
    mentions: list[ActorMention] = []
    covered: set[int] = set()
    by_token: dict[int, ActorMention] = {}
    titled: dict[str, tuple] = {}  # undated articles: the role the text named for a person, reused later

    def emit(start_tok: int, end_tok: int, head: int, code, sector, name, actor_id, rule, confidence) -> None:
        span = doc[start_tok:end_tok]
        mention = ActorMention(span.start_char, span.end_char, span.text, code, sector, name, actor_id, rule,
                               confidence, sentence_of.get(head, 0), head)
        mentions.append(mention)
        for k in range(start_tok, end_tok):
            by_token.setdefault(k, mention)
        covered.update(range(start_tok, end_tok))

    for match in find_alias_spans(doc, kb):
        span = doc[match.start:match.end]
        alias = _choose(match.aliases, kb)
        actor = kb.actors[alias.actor_id]
        group = people_in_place(span, kb) if actor.kind == "country" else None
        if group is not None:  # "protesters in Baghdad", "rebels in the Ivory Coast": people of that country
            noun, group_sector = group
            emit(min(noun.i, match.start), max(noun.i + 1, match.end), noun.i, actor.code, group_sector, actor.name,
                 actor.actor_id, f"group-in-place:{span.text}", 0.7)
            continue
        if alias.kind in ("name", "capital", "seat") and actor.kind == "country" and is_place(span, alias.kind == "name"):
            continue
        if alias.kind == "capital" and is_place(span):
            continue  # "talks in Brussels" happen in a city, even one that stands for the EU elsewhere
        if inside_place_name(span):
            continue
        if alias.kind == "capital" and span.root.dep_ == "compound" and span.root.head.pos_ in ("NOUN", "PROPN"):
            continue  # "the Ashgabat meeting", "the Kazan summit": a place, not an actor
        if any(t.ent_type_ == "PERSON" for t in span) and actor.kind != "person":
            ent = next((e for e in doc.ents if e.start <= match.start < e.end), None)
            if ent is not None and ent.end - ent.start > match.end - match.start:
                continue
        if actor.kind not in ("country", "person") and inside_longer_name(span):
            continue  # "Turkish National Security Council" is not the UN Security Council
        code, sector, how = actor.on(day)
        if day is None and actor.kind == "person" and len(actor.roles) > 1:
            context = _left_context(span)
            role = role_by_title(actor, context)
            if role is not None and context & FORMER:
                code, sector, how = role.code, None, f"kb-former:{role.title}"
            elif role is not None:
                code, sector, how = role.code, role.sector, f"kb-role-by-title:{role.title}"
                titled[actor.actor_id] = (code, sector, how)
            elif actor.actor_id in titled:
                code, sector, how = titled[actor.actor_id]
        if alias.kind == "adjective":
            noun = _noun_of(span.root)
            found = title_phrase([t for t in noun.lefts if t.i >= match.end] + [noun], kb) if noun is not span.root else None
            sector = found[1] if found else None
            head = noun.i
            rule = "adjective-title" if found else "adjective"
            emit(match.start, max(match.end, head + 1) if head >= match.start else match.end, head, code, sector,
                 actor.name, actor.actor_id, f"{rule}:{span.text}", CONFIDENCE[rule])
            continue
        if actor.kind == "country" and alias.kind == "name" and span.root.dep_ in ("compound", "poss", "nmod", "amod") \
                and span.root.head.pos_ == "NOUN":
            noun = span.root.head  # "the Mozambique government", "Israel's cabinet", "Poland's parliament"
            found = title_phrase([t for t in noun.lefts if t.i >= match.end] + [noun], kb)
            if found:
                emit(match.start, noun.i + 1, noun.i, code, found[1], actor.name, actor.actor_id,
                     f"name-title:{span.text}", CONFIDENCE["adjective-title"])
                continue
        sector = alias.sector or sector
        rule = {"capital": "capital", "seat": "seat"}.get(alias.kind, how.split(":")[0])
        emit(match.start, match.end, span.root.i, code, sector, actor.name, actor.actor_id,
             f"{how if alias.kind == 'name' else alias.kind}:{span.text}", CONFIDENCE.get(rule, 0.8))

    _resolve_unknown_people(doc, kb, mentions, by_token, covered, emit)
    _resolve_pairs(doc, kb, mentions, covered, emit)
    mentions[:] = _link_titled_mentions(kb, mentions)
    _resolve_pronouns(doc, mentions, covered, emit)
    _resolve_possessive_organs(doc, kb, mentions, covered, emit)
    _resolve_definite_titles(doc, kb, mentions, covered, emit)
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _role_titles(kb, m: ActorMention) -> list[str]:
    actor = kb.actors.get(m.actor_id) if m.actor_id else None
    return [r.title.lower() for r in actor.roles] if actor is not None else []


def _link_titled_mentions(kb, mentions: list[ActorMention]) -> list[ActorMention]:
    """'The Russian president' after 'Vladimir Putin' is Putin: same code, a role with that title."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out = []
    for m in ordered:
        if m.rule.startswith("adjective-title:") and m.code:
            noun = m.text.split()[-1].lower()
            earlier = [p for p in out if p.end <= m.start and (p.actor_id or "").startswith("person:")
                       and p.code == m.code and any(noun.rstrip("s") in t for t in _role_titles(kb, p))]
            if earlier:
                p = earlier[-1]
                m = replace(m, name=p.name, actor_id=p.actor_id, rule=f"coreference-title:{p.text}")
        out.append(m)
    return out


def _resolve_definite_titles(doc, kb, mentions, covered, emit) -> None:
    """'the president', 'the foreign minister' -> the last person named before whose role has that title."""
    for token in doc:
        if token.i in covered or token.pos_ != "NOUN" or token.tag_ != "NN":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if any(c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in covered for c in token.children):
            continue
        words = [t for t in token.lefts if t.dep_ in ("amod", "compound") and t.pos_ != "DET"] + [token]
        found = title_phrase(words, kb)
        if found is None:
            continue
        phrase = found[0]
        people = sorted((m for m in mentions if (m.actor_id or "").startswith("person:") and m.code),
                        key=lambda m: m.start)
        later = {p.actor_id for p in people if token.idx < p.start < token.sent.end_char}
        for m in reversed([p for p in people if p.end <= token.idx and p.actor_id not in later]):
            # "The president met with Putin": the president is not Putin, named later in the same sentence
            if any(phrase in t for t in _role_titles(kb, m)):
                start = min(t.i for t in words)
                emit(start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start, token.i + 1, token.i,
                     m.code, m.sector, m.name, m.actor_id, f"coreference-title:{m.text}", 0.65)
                break


PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
COLLECTIVE_PRONOUNS = frozenset({"it", "they", "we"})
REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "state", "insist", "warn", "add", "claim", "declare",
                              "indicate", "report", "confirm", "deny", "threaten", "vow", "pledge", "promise"})


def _reporting_subject(token, mentions):
    """'Syria says it will not accept ...': a state's 'it'/'they' in its own reported clause is the state."""
    clause = token.head
    while clause.dep_ in ("xcomp", "conj", "aux") and clause.head is not clause:
        clause = clause.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    return next((m for m in mentions if m.head == subject.i and m.code and not _is_person_mention(m)), None)


def _resolve_pronouns(doc, mentions, covered, emit) -> None:
    """'he', 'his', 'she' -> a person named earlier: the subject before it in the same sentence, else the
    last person who was a subject in the two sentences before, else the last person named."""
    people = sorted((m for m in mentions if _is_person_mention(m) and m.code), key=lambda m: m.start)
    for token in doc:
        if token.lower_ in COLLECTIVE_PRONOUNS and token.pos_ == "PRON" and token.i not in covered:
            reporter = _reporting_subject(token, mentions)
            if reporter is not None:
                emit(token.i, token.i + 1, token.i, reporter.code, reporter.sector, reporter.name, reporter.actor_id,
                     f"coreference-reporter:{reporter.text}", 0.7)
            continue
        if token.lower_ not in PERSONAL_PRONOUNS or token.pos_ != "PRON" or token.i in covered:
            continue
        before = [m for m in people if m.end <= token.idx]
        if not before:
            continue
        sent_start = token.sent.start_char
        window_start = doc[max(token.sent.start - 1, 0)].sent.start_char if token.sent.start > 0 else sent_start
        same = [m for m in before if m.start >= sent_start and doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        recent = [m for m in before if m.start >= window_start and doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        chosen = (same or recent or before)[-1]
        emit(token.i, token.i + 1, token.i, chosen.code, chosen.sector, chosen.name, chosen.actor_id,
             f"coreference-pronoun:{chosen.text}", 0.6)


POSSESSIVE_COLLECTIVE = frozenset({"its", "their"})


def _subject_or_its_owner(token) -> bool:
    """'Iran said', 'Russia's defence ministry said'."""
    return token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass"))


def _resolve_possessive_organs(doc, kb, mentions, covered, emit) -> None:
    """'Iran admitted that its military shot down the jet': 'its' + a role noun (military, government, foreign
    minister) is that organ of the state or organisation that is the subject just before, in the same or the
    previous sentence. Only with a role noun: 'its provisions' is not an actor."""
    for token in doc:
        if token.lower_ not in POSSESSIVE_COLLECTIVE or token.dep_ != "poss" or token.i in covered:
            continue
        noun = token.head
        found = title_phrase([t for t in noun.lefts if t.i > token.i] + [noun], kb)
        if not found:
            continue
        window = doc[max(token.sent.start - 1, 0)].sent.start if token.sent.start > 0 else token.sent.start
        owners = [m for m in mentions if window <= m.head < token.i and m.code and not _is_person_mention(m)
                  and _subject_or_its_owner(doc[m.head])]
        if owners:
            owner = max(owners, key=lambda m: m.head)  # the nearest: mentions are not in text order yet
            emit(token.i, noun.i + 1, noun.i, owner.code, found[1], owner.name, owner.actor_id,
                 f"coreference-possessive:{owner.text}", 0.6)


PAIR_WORDS = frozenset({"two", "both"})


def _resolve_pairs(doc, kb, mentions, covered, emit) -> None:
    """'the two leaders', 'both countries', 'the two sides' -> the last two distinct actors named before."""
    for token in doc:
        if token.lower_ == "both" and any(c.dep_ == "prep" and c.lower_ == "of" and
                                          any(g.lower_ in ("them", "us") for g in c.children) for c in token.children):
            _emit_pair(token, token.i, token.i + 3, None, mentions, emit)
            continue
        if token.i in covered or token.pos_ != "NOUN" or token.tag_ != "NNS":
            continue
        quantifier = [c for c in token.children if c.lower_ in PAIR_WORDS and c.dep_ in ("nummod", "det", "predet")]
        sector = kb.title_sector(token.lemma_) or kb.title_sector(token.lower_)
        if not quantifier or (sector is None and token.lemma_ not in ("country", "nation", "state", "side")):
            continue
        _emit_pair(token, min(quantifier[0].i, token.i), token.i + 1,
                   sector if sector in ("GOV", "MIL", "LEG") else None, mentions, emit)


def _is_person_mention(m: ActorMention) -> bool:
    return (m.actor_id or "").startswith("person:") or m.rule.startswith(("title-pattern", "memory"))


def _emit_pair(token, start: int, end: int, sector, mentions, emit) -> None:
    """Two mentions for one plural phrase: the last two distinct actors named in earlier sentences,
    people for 'both of them' / 'the two leaders', states for 'the two countries'."""
    wants_states = token.lemma_ in ("country", "nation", "state", "side")
    before = sorted((m for m in mentions if m.end <= token.sent.start_char and m.code
                     and (_is_person_mention(m) != wants_states)), key=lambda m: m.start, reverse=True)
    pair: list = []
    for m in before:
        if m.code not in [p.code for p in pair]:
            pair.append(m)
        if len(pair) == 2:
            break
    if len(pair) == 2:
        for m in pair:
            emit(start, end, token.i, m.code, sector or m.sector, m.name, m.actor_id, f"coreference-pair:{m.text}", 0.6)


def _resolve_unknown_people(doc, kb, mentions, by_token, covered, emit) -> None:
    """People not in the KB: resolve from their title and country in the same noun phrase or apposition,
    then remember them for later surname-only mentions."""
    memory: dict[str, tuple] = {}
    known: dict[str, ActorMention] = {}
    for m in mentions:
        if (m.actor_id or "").startswith("person:") and " " in m.text:
            parts = m.text.split()
            known.setdefault(parts[-1], m)
            known.setdefault(parts[0], m)  # family name first: "Kim Jong Un" ... "Kim"
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        head = ent.root
        context = [t for t in head.subtree if t.i < ent.start or t.i >= ent.end]
        context = [t for t in context if t.dep_ in PERSON_CONTEXT_DEPS or t.head.dep_ in PERSON_CONTEXT_DEPS
                   or t.head.i in range(ent.start, ent.end) or t.head.head.i in range(ent.start, ent.end)]
        if head.dep_ == "appos":
            context += list(head.head.subtree)
        clauses = {t.i for anchor in (head, head.head) for c in anchor.children if c.dep_ in ("relcl", "acl")
                   for t in c.subtree}
        context = [t for t in context if t.i not in clauses and not (ent.start <= t.i < ent.end)]
        codes = [by_token[t.i] for t in context if t.i in by_token and by_token[t.i].code]
        found = title_phrase([t for t in context if t.i not in by_token or by_token[t.i].rule.startswith("adjective")], kb)
        surname = ent[-1].text
        if surname in known and ent.start == ent.end - 1:
            m = known[surname]
            emit(ent.start, ent.end, head.i, m.code, m.sector, m.name, m.actor_id, "memory:kb-surname", 0.85)
        elif codes and (found or codes[0].sector):
            code = codes[0].code
            sector = found[1] if found else codes[0].sector
            memory[surname] = (code, sector, ent.text)
            emit(ent.start, ent.end, head.i, code, sector, ent.text, None, f"title-pattern:{found[0] if found else ''}",
                 0.8)
        elif surname in memory:
            code, sector, name = memory[surname]
            emit(ent.start, ent.end, head.i, code, sector, name, None, "memory:surname", 0.75)
        else:
            if found:
                memory.setdefault(surname, (None, found[1], ent.text))
            emit(ent.start, ent.end, head.i, None, found[1] if found else None, ent.text, None, "unknown:person", 0.3)

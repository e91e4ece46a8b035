"""Korean search for Sphinx: particles and verb endings are cut off words, in the
index and in the query alike, so that "가중치를", "가중치는" and "가중치" all find
the page that says "가중치".

Korean attaches particles (조사, e.g. 를, 은, 에서) and endings (어미, e.g. 하는,
합니다) to the end of a word. Sphinx ships no Korean stemmer; this one removes the
longest known suffix, provided at least two syllables remain (so "정의" stays
"정의" instead of losing "의"). The same rules run in Python (the index) and in the
browser (the query): the JavaScript is generated from the list below.

Korean writers often drop the spaces inside a noun phrase (균등분포 for 균등 분포). The
query splitter decompounds such a word against the index's own vocabulary, as
Elasticsearch's nori tokenizer decompounds against its dictionary: a query word the index
does not hold is cut into the fewest index terms that spell it (균등분포 → 균등 + 분포), and
the search then runs as for the spaced phrase. The index does not grow.
"""
import json
import re

from sphinx.search import SearchLanguage

# Longest first matters only for readability: stem() always tries every suffix and
# keeps the longest that applies.
SUFFIXES = [
    # verb and adjective endings after a noun (하다/되다 verbs: 초기화하는, 초기화됩니다)
    "하였습니다", "했습니다", "합니다", "됩니다", "입니다", "하세요", "하십시오",
    "하려면", "하므로", "하지만", "하면서", "되므로", "되어야", "해야", "하여", "해서", "하면",
    "하는", "하고", "하기", "하지", "했다", "한다", "하며", "되는", "되고", "되어", "된다",
    "이며", "이고", "이다",
    "한", "할", "된", "될", "함",
    # particles
    "에서는", "에서도", "으로는", "으로도", "에게서", "까지", "부터", "처럼", "보다", "에서",
    "에게", "으로", "와의", "과의", "에는", "에도", "로는", "로도", "마다", "만큼", "이나",
    "을", "를", "은", "는", "이", "가", "의", "에", "로", "와", "과", "도", "만", "나", "들",
]

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def stem(word):
    """``word`` without its longest known suffix, if two or more syllables remain."""
    best = word
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            rest = word[: -len(suffix)]
            if len(_HANGUL.findall(rest)) >= 2 and len(rest) < len(best):
                best = rest
    return best


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    stopwords = set()
    js_stemmer_code = """
var Stemmer = function() {
  const suffixes = %s;
  const hangul = /[\\uac00-\\ud7a3]/g;
  this.stemWord = function(word) {
    let best = word;
    for (const suffix of suffixes) {
      if (word.endsWith(suffix)) {
        const rest = word.slice(0, word.length - suffix.length);
        if ((rest.match(hangul) || []).length >= 2 && rest.length < best.length) best = rest;
      }
    }
    return best;
  };
};
""" % json.dumps(SUFFIXES, ensure_ascii=False)

    js_splitter_code = """
var splitQuery = function(query) {
  const words = query.split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu).filter(w => w);
  const index = (typeof Search !== "undefined" && Search._index) || null;
  if (!index) return words;
  const stemmer = new Stemmer();
  const has = (table, w) => Object.prototype.hasOwnProperty.call(table, w);
  // a piece must be an index term that the stemmer leaves as it is (Sphinx stems it again)
  const known = (w) => (has(index.terms, w) || has(index.titleterms, w)) && stemmer.stemWord(w) === w;
  // the fewest known pieces (two syllables or more) that spell ``word``, or null
  const decompound = (word) => {
    const best = [[]];
    for (let end = 1; end <= word.length; end++) {
      best[end] = null;
      for (let start = Math.max(0, end - 12); start <= end - 2; start++) {
        const piece = word.slice(start, end);
        if (best[start] && known(piece) && (!best[end] || best[start].length + 1 < best[end].length))
          best[end] = [...best[start], piece];
      }
    }
    return best[word.length];
  };
  return words.flatMap((w) => {
    const stem = stemmer.stemWord(w.toLowerCase());
    if (known(stem) || !/^[\\uac00-\\ud7a3]{3,}$/.test(stem)) return [w];
    const pieces = decompound(stem);
    return pieces && pieces.length > 1 ? pieces : [w];
  });
};
"""

    def stem(self, word):
        return stem(word.lower())

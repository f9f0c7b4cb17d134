"""Retrieval (SPEC §1 Eq. 2): the top-K functions of a function base for a query (instruction, state, stage).

Stable public API (other packages code against these names)::

    from logicdistill.retrieval.factory import make_retriever, open_retriever
    from logicdistill.retrieval.interface import Hit, RetrievalQuery
    from logicdistill.retrieval.text import make_query

    retriever = make_retriever(base, "dense")            # or "bm25"; model=FOLDER for a fine-tuned one
    retriever = open_retriever("base.json", "dense")     # index saved in base.json.index/, .base is the base
    query = make_query("pursuit", state_text, "filter_moves", applied=("candidate_moves",))
    hits = retriever.search([query], k=5)                # list (per query) of list[Hit(function, score)]

``RetrievalQuery(instruction, state, stage, applied=())``; ``Hit(function,
score)``, best first, ties in the base's order; ``k`` above the base's size
returns the whole base. The modules, one job each: :mod:`.interface`
(query, hit, the top-K rule), :mod:`.text` (query and document texts),
:mod:`.bm25`, :mod:`.dense` with :mod:`.models` (the bundled
all-MiniLM-L6-v2) and :mod:`.index` (embeddings saved beside the base),
:mod:`.factory`, :mod:`.labels` (the right function of a query),
:mod:`.recall` (recall@K), :mod:`.finetune` (MultipleNegativesRankingLoss
fine-tuning), :mod:`.states` (a JSON position as state text),
:mod:`.fakes` (a hashing encoder for tests) and :mod:`.distractors` (the
large synthetic base). Left out on purpose: FAISS (exact search is fast
enough at these sizes, see docs/retrieval.md) and any stage filtering (the
stage is part of the query, as in the paper).
"""

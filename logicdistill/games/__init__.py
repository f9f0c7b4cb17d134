"""The two benchmark games as pure rules, their reference policies and exact optima.

Nothing here imports torch or any LLM code: the games are the ground truth
every agent is measured on, and must load fast.
"""

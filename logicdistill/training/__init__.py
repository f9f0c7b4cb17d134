"""LD and KD training data and LoRA fine-tuning of the student (SPEC §1 items 3 and 6).

Public API for other packages:

- ``prompts.selection_chat(base, SelectionQuery(stage, applied, state_text))``: the one
  selection chat the LD student sees, at training and at test time; score the candidates with
  ``model.select([chat], [prompts.candidate_labels(candidates)])``.
- ``prompts.emergency_chat(description)``: the function-writing chat (Eq. 6).
- ``kd_prompt.pursuit_chat`` / ``kd_prompt.twentyone_chat``: the prompted / KD agents' chats.
- ``ld_data.build_ld_dataset``, ``kd_data.build_kd_dataset``, ``dataset_file.save_dataset`` /
  ``load_dataset`` / ``merge_datasets``, ``sft.train_adapter(dataset, out, TrainConfig(...))``.

A trained adapter loads with ``logicdistill.llm.load_model("smollm2-135m", adapter=DIR)``.
"""

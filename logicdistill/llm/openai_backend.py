"""The OpenAI-compatible backend: teachers (GLM-4, Qwen, DeepSeek...) and servers (vLLM, Ollama, llama.cpp).

Requests go through the ``openai`` client, whose own retry loop handles 408,
409, 429, 5xx and dropped connections with exponential backoff (0.5 s doubling
to 8 s, with jitter, honouring Retry-After); ``EndpointConfig.max_retries``
bounds it. What still fails becomes one :class:`UserError` line (unreachable,
key refused, unknown model, request rejected). Replies to deterministic requests
(temperature 0, or a seed) are cached on disk and replayed; tokens are metered
per role. Selection is a numbered-option question (:mod:`logicdistill.llm.choice`).
Streaming, tools and the legacy completions API are left out on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import Any

from logicdistill.errors import UserError
from logicdistill.llm.base import (
    DEFAULT_GENERATION,
    Chat,
    GenerationConfig,
    ModelAnswerError,
    Role,
    Selection,
    check_chats,
    check_selection_inputs,
    selection_from_scores,
    truncate_at_stop,
)
from logicdistill.llm.choice import (
    ABSENT,
    MAX_LABEL_OPTIONS,
    TOP_LOGPROBS,
    choice_chat,
    label_scores,
    parse_choice,
    reminder_chat,
)
from logicdistill.llm.endpoint import API_KEY_ENV, BASE_URL_ENV, EndpointConfig
from logicdistill.llm.response_cache import CachedReply, ResponseCache
from logicdistill.llm.usage import UsageMeter, default_meter

CHOICE_MAX_TOKENS = 16  # room for "3" or "Option 3." and little else
DEFAULT_ENDPOINT_LABEL = "openai-default"  # cache-key stand-in when no base URL is given


class SelectionMode(StrEnum):
    AUTO = "auto"  # logprobs where the server gives them, else the written answer
    LOGPROBS = "logprobs"  # require logprobs (an error if the server gives none)
    CHOICE = "choice"  # always the written, validated answer


class OpenAIModel:
    """A chat model behind an OpenAI-compatible endpoint."""

    def __init__(
        self,
        endpoint: EndpointConfig,
        *,
        role: Role = Role.TEACHER,
        meter: UsageMeter | None = None,
        cache: ResponseCache | None = None,
        selection: SelectionMode = SelectionMode.AUTO,
    ) -> None:
        self.endpoint = endpoint
        self.name = f"openai:{endpoint.model}"
        self.role = role
        self.meter = meter if meter is not None else default_meter()
        self.cache = cache if cache is not None else (ResponseCache() if endpoint.use_cache else None)
        self.selection_mode = selection
        self._logprobs_given: bool | None = None  # learnt from the first selection reply in AUTO mode
        self._client: Any = None

    # -- LanguageModel -----------------------------------------------------------------------------------

    def generate(self, chats: Sequence[Chat], config: GenerationConfig = DEFAULT_GENERATION) -> list[str]:
        check_chats(chats)
        extra: dict[str, object] = {}
        if config.seed is not None:
            extra["seed"] = config.seed
        if config.stop:
            extra["stop"] = list(config.stop)

        def one(chat: Chat) -> str:
            reply = self.complete(
                chat, max_tokens=config.max_new_tokens, temperature=config.temperature, **extra
            )
            return truncate_at_stop(reply.text, config.stop)

        return self._map(one, chats)

    def select(self, chats: Sequence[Chat], candidates: Sequence[Sequence[str]]) -> list[Selection]:
        check_chats(chats)
        check_selection_inputs(chats, candidates)
        return self._map(lambda pair: self._select_one(*pair), list(zip(chats, candidates, strict=True)))

    # -- one request -------------------------------------------------------------------------------------

    def complete(self, chat: Chat, *, max_tokens: int, temperature: float, **extra: object) -> CachedReply:
        """One chat completion, from the cache when this exact request was answered before."""
        request: dict[str, object] = {
            "model": self.endpoint.model,
            "messages": [{"role": m.role, "content": m.content} for m in chat],
            "max_tokens": max_tokens,
            "temperature": temperature,
            **extra,
        }
        keyed = {**request, "endpoint": self.endpoint.base_url or DEFAULT_ENDPOINT_LABEL}
        cacheable = self.cache is not None and (temperature == 0 or "seed" in extra)
        if cacheable and (hit := self.cache.get(keyed)) is not None:
            self.meter.record(self.role, cached=True)
            return hit
        reply = self._call(request)
        self.meter.record(
            self.role, prompt_tokens=reply.prompt_tokens, completion_tokens=reply.completion_tokens
        )
        if cacheable:
            self.cache.put(keyed, reply)
        return reply

    def _call(self, request: dict[str, object]) -> CachedReply:
        import openai

        url = self.endpoint.base_url or "the OpenAI API"
        try:
            response = self._get_client().chat.completions.create(**request)
        except openai.APIConnectionError as err:
            raise UserError(
                f"cannot reach the model endpoint {url} ({_line(err)}); check {BASE_URL_ENV}"
            ) from err
        except (openai.AuthenticationError, openai.PermissionDeniedError) as err:
            raise UserError(
                f"the model endpoint {url} refused the API key (HTTP {err.status_code}); check {API_KEY_ENV}"
            ) from err
        except openai.NotFoundError as err:
            raise UserError(
                f"the model endpoint {url} has no model {self.endpoint.model!r} or no chat API (HTTP 404)"
            ) from err
        except openai.APIStatusError as err:
            raise UserError(
                f"the model endpoint {url} answered HTTP {err.status_code} "
                f"(after up to {self.endpoint.max_retries} retries): {_line(err)}"
            ) from err
        if not response.choices:
            raise UserError(f"the model endpoint {url} returned no choices")
        choice = response.choices[0]
        usage = response.usage
        top = None
        content = getattr(choice.logprobs, "content", None) if choice.logprobs is not None else None
        if content:
            top = tuple((alt.token, float(alt.logprob)) for alt in (content[0].top_logprobs or ()))
        return CachedReply(
            text=choice.message.content or "",
            prompt_tokens=int(usage.prompt_tokens) if usage else 0,
            completion_tokens=int(usage.completion_tokens) if usage else 0,
            top_logprobs=top or None,
        )

    def _get_client(self) -> Any:
        if self._client is None:
            import openai

            self._client = openai.OpenAI(
                base_url=self.endpoint.base_url,
                api_key=self.endpoint.api_key,
                timeout=self.endpoint.timeout_s,
                max_retries=self.endpoint.max_retries,
            )
        return self._client

    # -- selection ---------------------------------------------------------------------------------------

    def _select_one(self, chat: Chat, options: Sequence[str]) -> Selection:
        asked = choice_chat(chat, options)
        if self._try_logprobs(len(options)):
            scores = self._logprob_scores(asked, len(options))
            if scores is not None:
                return selection_from_scores(scores)
        return self._written_choice(asked, options)

    def _try_logprobs(self, count: int) -> bool:
        if self.selection_mode == SelectionMode.CHOICE:
            return False
        if count > MAX_LABEL_OPTIONS:
            if self.selection_mode == SelectionMode.LOGPROBS:
                raise UserError(
                    f"logprob selection reads one label token: at most {MAX_LABEL_OPTIONS} options"
                )
            return False
        return self._logprobs_given is not False

    def _logprob_scores(self, asked: Chat, count: int) -> tuple[float, ...] | None:
        import openai

        try:
            reply = self.complete(
                asked, max_tokens=1, temperature=0.0, logprobs=True, top_logprobs=TOP_LOGPROBS
            )
        except UserError as err:
            if self.selection_mode == SelectionMode.AUTO and isinstance(
                err.__cause__, openai.BadRequestError
            ):
                self._logprobs_given = False  # the server rejects the logprobs parameters
                return None
            raise
        if reply.top_logprobs is None:
            if self.selection_mode == SelectionMode.LOGPROBS:
                raise UserError(f"the model endpoint {self.endpoint.base_url} returns no token logprobs")
            self._logprobs_given = False
            return None
        self._logprobs_given = True
        return label_scores(reply.top_logprobs, count)

    def _written_choice(self, asked: Chat, options: Sequence[str]) -> Selection:
        reply = self.complete(asked, max_tokens=CHOICE_MAX_TOKENS, temperature=0.0).text
        index = parse_choice(reply, options)
        if index is None:
            retry = reminder_chat(asked, reply, len(options))
            second = self.complete(retry, max_tokens=CHOICE_MAX_TOKENS, temperature=0.0).text
            index = parse_choice(second, options)
            if index is None:
                raise ModelAnswerError(
                    f"{self.name} named no option 1-{len(options)}: {reply!r}, then {second!r}"
                )
        return Selection(
            index=index, scores=tuple(0.0 if k == index else ABSENT for k in range(len(options)))
        )

    def _map(self, work: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if len(items) <= 1 or self.endpoint.concurrency == 1:
            return [work(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(self.endpoint.concurrency, len(items))) as pool:
            return list(pool.map(work, items))


def _line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__

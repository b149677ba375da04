"""Django async view that keeps CPU-bound inference off the event loop.

Under ASGI the view runs on the event loop, so calling the model directly would
stall every other request that process is serving. ``sync_to_async`` runs the
call in a worker thread instead. With ``thread_sensitive=False``, asgiref hands
it to the event loop's default executor, a thread pool shared by the whole
process (by default at most min(32, CPUs + 4) threads), so that pool bounds how
many predictions run at once. The default (``True``) would queue all calls
behind one shared thread, which suits the ORM but serialises inference. Pass
``executor=`` to use a pool of your own size.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.http import JsonResponse

from examples.common.body import parse_json
from examples.common.model import InvalidInput, load_model, validate_features


def _predict(features: list[float]) -> dict:
    return load_model().predict(features)


predict_in_thread = sync_to_async(_predict, thread_sensitive=False)


async def predict_view(request):
    try:
        features = validate_features(parse_json(request.body))
    except InvalidInput as error:  # also raised for malformed JSON
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(await predict_in_thread(features))

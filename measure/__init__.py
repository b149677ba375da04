"""`make measure`: the example apps under their production servers, measured on 127.0.0.1.

Run ``python -m measure`` (``make measure``) for the full run that writes
``data/measurements.yaml``, or ``python -m measure --smoke --out FILE`` for a run of seconds
(one server, a few requests) that ``make test`` runs.  The parts:

* ``configs``: the servers measured and the exact command of each;
* ``procs``: starting servers in process groups of their own, stopping them, memory from /proc;
* ``load``: the bounded load generator (a small asyncio HTTP/1.1 client);
* ``paced``: the example apps plus one paced event stream, for the streaming figure;
* ``machine``: what the results file says about the machine and the packages;
* ``run``: the measurements themselves and the results file.
"""

from django.core.management.base import BaseCommand

from network.search.evaluation import HANDBOOK, KINDS, run


class Command(BaseCommand):
    help = (
        "Recall@10 of the search evaluation set (docs/search.md), before and after the Thai "
        "normalisation and spelling correction. Run on a development database: the index is "
        "replaced by the evaluation passages inside a transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--handbook", default=str(HANDBOOK), help="the handbook's text")
        parser.add_argument("--seed", type=int, default=16, help="seed of the query sample")
        parser.add_argument("--show", type=int, default=0, help="print N queries of each kind")

    def handle(self, *args, **options):
        from pathlib import Path

        results, queries = run(Path(options["handbook"]), options["seed"])
        self.stdout.write("| kind | queries | recall@10 before | recall@10 after | corrected |")
        self.stdout.write("|---|---:|---:|---:|---:|")
        for kind in KINDS:
            row = results[kind]
            self.stdout.write(
                f"| {kind} | {row['queries']} | {row['before']:.2f} | {row['after']:.2f} "
                f"| {row['corrected']} |"
            )
        if options["show"]:
            for kind in KINDS:
                for query in [q for q in queries if q.kind == kind][: options["show"]]:
                    self.stdout.write(
                        f"{kind}: {query.typed} → {query.meant} ({len(query.relevant)})"
                    )

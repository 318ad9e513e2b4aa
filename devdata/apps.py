from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development data: the factories, the demo (`load_demo`) and the benchmark data (`load_bench_data`)."""

    name = "devdata"
    verbose_name = "Development data"

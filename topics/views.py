from django.shortcuts import get_object_or_404, render

from topics.models import Topic


def topic_list(request):
    return render(request, "topics/list.html", {"topics": Topic.objects.active()})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    cities = topic.cities.members().only("slug", "name", "country").order_by("search_name")
    return render(request, "topics/detail.html", {"topic": topic, "cities": cities})

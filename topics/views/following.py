from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts.refusals import not_allowed
from topics import services
from topics.forms import MailPreferenceForm
from topics.models import MailPreference, Subscription, Thread, Topic
from topics.tokens import read_unsubscribe_token


def _follow(request, target, *, topic=None, thread=None):
    if not permissions.can_subscribe(request.user):
        return not_allowed(request, _("Confirm your email address to follow topics and threads."))
    following = request.POST.get("follow") == "1"
    if following:
        services.subscribe(request.user, topic=topic, thread=thread)
    else:
        services.unsubscribe(request.user, topic=topic, thread=thread)
    if request.htmx:  # the new button says it; a message would show up on some later page
        return render(
            request,
            "topics/_follow_button.html",
            {"following": following, "target": target, "action": request.path},
        )
    if following:
        messages.success(request, _("You follow “%(name)s” now.") % {"name": target})
    else:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": target})
    return redirect(target)


@login_required
@require_POST
def topic_follow(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    return _follow(request, topic, topic=topic)


@login_required
@require_POST
def thread_follow(request, slug, pk):
    thread = get_object_or_404(Thread.objects.readable_by(request.user).select_related("topic"), pk=pk)
    return _follow(request, thread, thread=thread)


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    preference = MailPreference.objects.filter(user=request.user).first() or MailPreference(user=request.user)
    form = MailPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.mail_preference_set(request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Your mail preference is saved."))
        return redirect("topics:subscriptions")
    followed = Subscription.objects.filter(user=request.user).readable_by(request.user).select_related(
        "topic", "thread", "thread__topic"
    )
    return render(request, "topics/subscriptions.html", {"form": form, "followed": followed})


@csrf_exempt  # the signed token is the authority; mail clients post one-click unsubscribes without a session
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    data = read_unsubscribe_token(token)
    if data is None:
        return render(request, "topics/unsubscribe.html", {"invalid": True}, status=400)
    subscriptions = Subscription.objects.filter(user_id=data["u"])
    if data["s"] is not None:
        subscriptions = subscriptions.filter(pk=data["s"])
    if request.method == "POST":
        subscriptions.delete()
        return render(request, "topics/unsubscribe.html", {"done": True, "everything": data["s"] is None})
    person = get_user_model().objects.filter(pk=data["u"]).first()
    shown = subscriptions.readable_by(person).select_related("topic", "thread")  # never a title they may not read
    return render(
        request,
        "topics/unsubscribe.html",
        {"subscriptions": list(shown), "everything": data["s"] is None, "token": token},
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts.refusals import not_allowed
from core.ratelimit import allow
from core.workflow import Refused
from topics import services
from topics.forms import PostEditForm, ReplyForm, ReportForm, ThreadForm
from topics.models import Post, Thread, Topic


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    if not permissions.can_post(request.user):
        return not_allowed(request, _("Only verified city officers can start threads."))
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(topic, author=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Your thread is published."))
            return redirect(thread)
    return render(request, "topics/thread_form.html", {"topic": topic, "form": form})


@login_required
@require_POST
def reply(request, slug, pk):
    thread = get_object_or_404(Thread.objects.readable_by(request.user).select_related("topic"), pk=pk)
    if not permissions.can_post(request.user):
        return not_allowed(request, _("Only verified city officers can reply."))
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = services.post_reply(thread, author=request.user, body=form.cleaned_data["body"])
        except Refused as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Your reply is published."))
            return redirect(post)
    return render(
        request, "topics/reply_form.html", {"thread": thread, "topic": thread.topic, "form": form}, status=400
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = get_object_or_404(Post.objects.readable_by(request.user).select_related("thread__topic"), pk=pk)
    if not permissions.can_edit_post(request.user, post):
        return not_allowed(request, _("You can only edit your own posts."))
    form = PostEditForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(
                post, by=request.user, body=form.cleaned_data["body"], title=form.cleaned_data.get("title")
            )
        except Refused as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(post)
    return render(request, "topics/post_form.html", {"post": post, "thread": post.thread, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request, pk):
    post = get_object_or_404(Post.objects.readable_by(request.user).select_related("thread__topic"), pk=pk)
    if not permissions.can_report_post(request.user, post):
        return not_allowed(request, services.report_refusal(request.user, post))
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not allow(request, "report_post"):
            form.add_error(None, _("You have sent many reports in a short time. Please try again later."))
            status = 429
        else:
            try:
                services.post_report(post, by=request.user, reason=form.cleaned_data["reason"])
            except Refused as refusal:
                form.add_error(None, refusal)
            else:
                post.refresh_from_db(fields=["is_hidden"])
                if not post.is_hidden:
                    messages.success(request, _("Thank you. The moderators will look at this post."))
                    return redirect(post)
                messages.success(request, _("Thank you. The post is hidden until a moderator has looked at it."))
                # Others no longer see it: they go back to its thread.
                return redirect(post if permissions.can_moderate(request.user) else post.thread)
    context = {"post": post, "thread": post.thread, "form": form}
    return render(request, "topics/report_form.html", context, status=status)

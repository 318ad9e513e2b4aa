"""Admin actions that call a workflow function once per selected object, asking first for a reason or for more.

perform(obj, by=user, note=reason, **more) is the workflow function (e.g. application_reject); FORM, when given,
is a form whose fields besides `reason` become those keyword arguments (e.g. the topic a thread moves to).
Each object's refusal (already decided, wrong state…) becomes a message; the others go on.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].label = gettext_lazy("Note (optional)")


def _ask(modeladmin, request, queryset, description, form):
    return TemplateResponse(
        request,
        "admin/workflow_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "objects": queryset,
            "form": form,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        },
    )


def workflow_action(
    perform, *, description, ask_reason=False, reason_required=False, form_class=None, permission="change"
):
    """An admin action running PERFORM on each selected object, as the staff member who chose it."""

    @admin.action(description=description, permissions=[permission])
    def action(modeladmin, request, queryset):
        data = request.POST if "apply" in request.POST else None
        form = None
        if form_class is not None:
            form = form_class(data)
        elif ask_reason:
            form = ReasonForm(data, required=reason_required)
        if form is not None and (not form.is_bound or not form.is_valid()):
            return _ask(modeladmin, request, queryset, description, form)
        more = dict(form.cleaned_data) if form is not None else {}
        note = more.pop("reason", "")
        done = 0
        for obj in queryset:
            try:
                perform(obj, by=request.user, note=note, **more)
                done += 1
            except ValidationError as error:
                modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.WARNING)
        if done:
            modeladmin.message_user(request, _("%(count)d done: %(action)s") % {"count": done, "action": description})
        return None

    action.__name__ = perform.__name__
    return action

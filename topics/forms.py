from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from topics.models import MailPreference, Post, Resource, Thread
from topics.models.threads import BODY_MAX_LENGTH
from topics.uploads import check_upload

MARKDOWN_HELP = _(
    "Markdown: *emphasis*, **bold**, [link text](https://…), lists with “-”. HTML is not allowed."
)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=Thread._meta.get_field("title").max_length)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    members_only = forms.BooleanField(
        label=_("Members only: only verified city officers and staff can read this thread"), required=False
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Give the thread a title."))
        return title


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PostEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args, post: Post, **kwargs):
        initial = {"body": post.body, "title": post.thread.title}
        super().__init__(*args, initial=initial, **kwargs)
        if post.is_first:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


class ResourceForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Link (for a link)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The full address, starting with https://"),
        # A text box keeps what was typed beside its error; a url box's value must be an absolute URL.
        widget=forms.TextInput(attrs={"inputmode": "url"}),
    )

    class Meta:
        model = Resource
        fields = ["kind", "title", "description", "url", "file", "members_only"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "file": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.odt,.ods,.odp,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}
            ),
        }
        labels = {
            "kind": _("What do you share?"),
            "url": _("Link (for a link)"),
            "file": _("Document (for a document)"),
        }
        help_texts = {
            "file": _("PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG or JPEG, up to 10 MB."),
            "url": _("The full address, starting with https://"),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.detected_type, _extension = check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Resource.Kind.LINK:
            if not cleaned.get("url") and "url" not in self.errors:
                self.add_error("url", _("Give the link you want to share."))
            cleaned["file"] = None
        elif kind == Resource.Kind.FILE:
            if not cleaned.get("file") and "file" not in self.errors:
                self.add_error("file", _("Choose the document you want to share."))
            cleaned["url"] = ""
        return cleaned

    def save(self, commit=True):
        resource = super().save(commit=False)
        if resource.kind == Resource.Kind.FILE:
            resource.content_type = self.detected_type
            resource.size = resource.file.size
        else:
            resource.file = ""
        if commit:
            resource.save()
        return resource


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=2000,
        help_text=_("Moderators read this; the author does not see who reported the post."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["delivery"]
        widgets = {"delivery": forms.RadioSelect}
        labels = {"delivery": _("How do you want to hear about what you follow?")}

from django import forms

from core.widgets import FastSelect, FastSelectMultiple

CHOICES = [("NL", "Netherlands"), ("IT", "Italy"), ("FR", "France & <Co>")]


def test_the_fast_select_renders_what_djangos_select_renders():
    class Form(forms.Form):
        country = forms.ChoiceField(choices=CHOICES, widget=FastSelect)
        standard = forms.ChoiceField(choices=CHOICES)

    form = Form({"country": "IT", "standard": "IT"})
    options = (
        '<option value="NL">Netherlands</option><option value="IT" selected>Italy</option>'
        '<option value="FR">France &amp; &lt;Co&gt;</option>'
    )
    standard = "".join(line.strip() for line in str(form["standard"]).splitlines())
    assert standard == f'<select name="standard" id="id_standard">{options}</select>'
    assert str(form["country"]) == f'<select id="id_country" name="country">{options}</select>'


def test_the_fast_multiple_select_marks_every_chosen_option_and_keeps_attributes():
    class Form(forms.Form):
        country = forms.MultipleChoiceField(choices=CHOICES, widget=FastSelectMultiple(attrs={"size": 6}))

    html = str(Form({"country": ["NL", "FR"]})["country"])
    assert html.startswith("<select") and " multiple" in html and 'size="6"' in html
    assert '<option value="NL" selected>' in html and '<option value="FR" selected>' in html
    assert '<option value="IT">' in html

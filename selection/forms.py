from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.widgets import FilterForm
from selection.enums import JURY_REVIEWED, JURY_TO_REVIEW, RANKING_UNDECIDED, ApplicationStatus, DecisionOutcome
from selection.models import (
    Application,
    RequiredDocument,
    RoundQuestion,
    ScoringCriterion,
    SelectionRound,
    programme_retention_months,
)


class DossierForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "motivation",
            "lived_experience",
            "professional_project",
            "availability",
            "departement",
            "accommodation_needs",
        ]
        labels = {
            "motivation": _("Why do you want to follow this diploma?"),
            "lived_experience": _("Your lived experience and your path to recovery"),
            "professional_project": _("Your professional project as a peer supporter"),
            "availability": _("Your availability for the sessions and the internship"),
            "departement": _("Département where you live (number)"),
            "accommodation_needs": _("Do you need any accommodation? (optional)"),
        }
        help_texts = {
            "lived_experience": _(
                "Share only what you are comfortable with. Only the round's coordinators and your assigned "
                "reviewers can read this."
            ),
            "departement": _("For example 69, 2A or 974."),
            "accommodation_needs": _("Accessibility, breaks, timetable... so that we can organise the interview."),
        }
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 6}),
            "lived_experience": forms.Textarea(attrs={"rows": 8}),
            "professional_project": forms.Textarea(attrs={"rows": 6}),
            "availability": forms.Textarea(attrs={"rows": 3}),
            "accommodation_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers = self.instance.answers or {}
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=question.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=answers.get(str(question.pk), ""),
            )
        for field in self.fields.values():
            field.required = False  # a draft may be saved half-filled; submission checks what is missing

    def clean_departement(self):
        value = (self.cleaned_data.get("departement") or "").strip().upper()
        if value and not (value.isdigit() or value in {"2A", "2B"}):
            raise forms.ValidationError(_("Please give the département number, for example 69 or 2A."))
        return value

    def answered(self) -> list[tuple[str, str]]:
        """(label, answer) of every answer given, in the form's order: what the candidate reads back."""
        return [
            (field.label, str(value))
            for name, field in self.fields.items()
            if (value := self.initial.get(name, field.initial))
        ]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name, "") for name in self.Meta.fields}
        data["answers"] = {str(q.pk): self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}
        return data


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Please choose a file."),
            "empty": _(
                "This file is empty (0 bytes). Please choose it again, or export it again from its application."
            ),
        },
    )

    def error_message(self) -> str:
        """The first problem with the file, in words for the candidate."""
        return str(self.errors["file"][0]) if "file" in self.errors else ""


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DocumentCheckForm(forms.Form):
    validated = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Validate")), ("0", _("Ask for another document"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the candidate"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration = forms.IntegerField(label=_("Duration (minutes)"), min_value=10, max_value=240, initial=45)
    place = forms.CharField(label=_("Place or video link"), max_length=300)
    jury = forms.ModelMultipleChoiceField(
        label=_("Jury"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, jury=None, **kwargs):
        super().__init__(*args, **kwargs)
        if jury is not None:
            self.fields["jury"].queryset = jury


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    rank = forms.IntegerField(label=_("Rank on the waiting list"), min_value=1, required=False)
    reason = forms.CharField(
        label=_("Reason (written in the letter if not selected)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApplicationFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ApplicationStatus.choices])
    departement = forms.CharField(label=_("Département"), required=False, max_length=3)
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class JuryFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (ApplicationStatus.COMPLETE, ApplicationStatus.COMPLETE.label),
            (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.UNDER_REVIEW.label),
        ],
    )
    missing = forms.BooleanField(label=_("Reviewers missing"), required=False)
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class JuryHomeFilterForm(FilterForm):
    """The juror's filters: the round (when they judge several) and whether their review is in."""

    round = forms.ChoiceField(label=_("Selection round"), required=False)
    state = forms.ChoiceField(
        label=_("My review"),
        required=False,
        choices=[("", _("All")), (JURY_TO_REVIEW, _("To review")), (JURY_REVIEWED, _("Review submitted"))],
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", _("All")), *((str(r.pk), r.title) for r in rounds)]
        if len(rounds) < 2:
            del self.fields["round"]


class RankingFilterForm(FilterForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("All")), (RANKING_UNDECIDED, _("No decision yet")), *DecisionOutcome.choices],
    )
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class RoundForm(forms.ModelForm):
    """A selection round's settings. The jury is given by e-mail address (existing accounts only)."""

    president_email = forms.EmailField(label=_("Jury president's e-mail address"), required=False)
    jury_emails = forms.CharField(
        label=_("Jury members' e-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line. Each person needs an account."),
    )

    class Meta:
        model = SelectionRound
        fields = [
            "cohort",
            "title",
            "introduction",
            "opens_at",
            "closes_at",
            "interviews_start_on",
            "interviews_end_on",
            "deliberation_on",
            "capacity",
            "offer_response_days",
            "reviews_per_application",
            "anonymous_first_reading",
            "anonymise_after_months",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "interviews_start_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "interviews_end_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deliberation_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        # Left empty: an existing round keeps its period; a new one takes its programme's latest call's period.
        self.fields["anonymise_after_months"].required = False
        if self.instance.pk:
            if self.instance.jury_president_id:
                self.fields["president_email"].initial = self.instance.jury_president.email
            self.fields["jury_emails"].initial = "\n".join(self.instance.jury_members.values_list("email", flat=True))

    def clean_anonymise_after_months(self):
        value = self.cleaned_data.get("anonymise_after_months")
        if value is not None:
            return value
        if self.instance.pk:
            return self.instance.anonymise_after_months
        return programme_retention_months(cohort=self.cleaned_data.get("cohort"))

    def _users(self, emails: list[str]) -> list[User]:
        users = {u.email: u for u in User.objects.filter(email__in=emails, is_active=True)}
        missing = [e for e in emails if e not in users]
        if missing:
            raise forms.ValidationError(_("No account with these addresses: %(list)s.") % {"list": ", ".join(missing)})
        return [users[e] for e in emails]

    def clean_president_email(self):
        email = (self.cleaned_data.get("president_email") or "").strip().lower()
        return self._users([email])[0] if email else None

    def clean_jury_emails(self):
        emails = [
            line.strip().lower() for line in self.cleaned_data.get("jury_emails", "").splitlines() if line.strip()
        ]
        return self._users(list(dict.fromkeys(emails)))


class RequiredDocumentForm(forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = ["label", "help_text", "accepted_extensions", "max_size_mb"]

    def clean_accepted_extensions(self):
        value = self.cleaned_data["accepted_extensions"]
        extensions = [e.strip().lower().lstrip(".") for e in value.split(",") if e.strip()]
        if not extensions or any(not e.isalnum() for e in extensions):
            raise forms.ValidationError(_("Give extensions separated by commas, for example pdf,jpg."))
        return ",".join(extensions)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ScoringCriterion
        fields = ["label", "weight", "max_score"]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RoundQuestion
        fields = ["label", "identifying", "sensitive"]

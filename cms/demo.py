"""Demo content: the DU's programme page (its modules are added by the course-content seed)."""

from cms.models import HomePage, ProgrammePage

PROGRAMME_SLUG = "du-pair-aidance-sante-mentale"


def seed(ctx) -> None:
    home = HomePage.objects.get(depth=2)
    programme = ProgrammePage.objects.filter(slug=PROGRAMME_SLUG).first()
    if programme is None:
        programme = home.add_child(
            instance=ProgrammePage(
                title="DU Pair-aidance en santé mentale",
                slug=PROGRAMME_SLUG,
                summary=(
                    "Un diplôme universitaire d'un an pour des personnes qui ont traversé un trouble psychique "
                    "et souhaitent accompagner d'autres personnes sur le chemin du rétablissement."
                ),
            )
        )
    ctx.objects["programme"] = programme

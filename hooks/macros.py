"""mkdocs-macros module: snippets of generated content for hand-written pages that opt in."""

from guide.text import md


def define_env(env):
    """Each macro renders a snippet of the content model for the current page."""

    def snippet(name: str, **values) -> str:
        return env.conf["extra"]["guide"].snippet(name, env.page.file.src_uri, **values)

    @env.macro
    def dimension_overview() -> str:
        return snippet("dimension_overview")

    @env.macro
    def capability_list() -> str:
        return snippet("capability_list")

    @env.macro
    def area_cards() -> str:
        return snippet("area_cards")

    @env.macro
    def actions_background() -> str:
        return snippet("actions_background")

    @env.macro
    def pillars() -> str:
        return snippet("pillars")

    @env.macro
    def plc_list() -> str:
        return snippet("plc_list")

    @env.macro
    def factor_list() -> str:
        return snippet("factor_list")

    @env.macro
    def topic_list(pillar: str) -> str:
        return snippet("topic_list", pillar=pillar)

    @env.macro
    def references() -> str:
        return snippet("references")

    @env.macro
    def source_list(*source_ids: str) -> str:
        unknown = [i for i in source_ids if i not in env.conf["extra"]["guide"].sources]
        if unknown:
            raise ValueError(f"{env.page.file.src_uri}: source_list() names sources that are not "
                             f"in content/sources.yaml: {', '.join(unknown)}")
        return snippet("source_list", source_ids=list(source_ids))

    @env.macro
    def whats_new() -> str:
        return snippet("whats_new")

    @env.macro
    def feedback_contact() -> str:
        """Where readers report accessibility problems: the repository's issues, if known."""
        ui = env.conf["extra"]["guide"].ui
        base = env.conf["extra"].get("edit_base")
        if base:
            repo = base.rsplit("/edit/", 1)[0]
            return f"[{md(ui['feedback_issues'])}]({repo}/issues)"
        return md(ui["feedback_fallback"])

    @env.macro
    def action_list() -> str:
        return snippet("action_list")

    @env.macro
    def matrix() -> str:
        return snippet("matrix")

    @env.macro
    def reflection_cards() -> str:
        return snippet("reflection_cards")

    @env.macro
    def assessment_list() -> str:
        return snippet("assessment_list")

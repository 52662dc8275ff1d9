"""mkdocs-macros module: snippets of generated content for hand-written pages that opt in."""

from guide.handwritten import FRAMEWORKS, SNIPPETS
from guide.text import md


def define_env(env):
    """Each macro renders a snippet of the content model for the current page."""

    def snippet(name: str, **values) -> str:
        return env.conf["extra"]["guide"].snippet(name, env.page.file.src_uri, **values)

    for name in SNIPPETS:
        env.macro(lambda name=name: snippet(name), name)

    @env.macro
    def topic_list(pillar: str) -> str:
        return snippet("topic_list", pillar=pillar)

    @env.macro
    def matrix(framework: str) -> str:
        if framework not in FRAMEWORKS:
            raise ValueError(f"{env.page.file.src_uri}: matrix() names `{framework}`, which is "
                             f"not one of {', '.join(FRAMEWORKS)}")
        return snippet("matrix", framework=framework)

    @env.macro
    def source_list(*source_ids: str) -> str:
        unknown = [i for i in source_ids if i not in env.conf["extra"]["guide"].sources]
        if unknown:
            raise ValueError(f"{env.page.file.src_uri}: source_list() names sources that are not "
                             f"in content/sources.yaml: {', '.join(unknown)}")
        return snippet("source_list", source_ids=list(source_ids))

    @env.macro
    def feedback_contact() -> str:
        """Where readers report accessibility problems: the repository's issues, if known."""
        ui = env.conf["extra"]["guide"].ui
        base = env.conf["extra"].get("edit_base")
        if base:
            repo = base.rsplit("/edit/", 1)[0]
            return f"[{md(ui['feedback_issues'])}]({repo}/issues/new?template=reader-feedback.yml)"
        return md(ui["feedback_fallback"])


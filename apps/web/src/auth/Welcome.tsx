import { FileText, Radio, Sparkles, Workflow } from "lucide-react";
import { Link } from "wouter";
import { Logo } from "../components/Logo";
import { ThemeToggle } from "../theme/ThemeToggle";

const features = [
  {
    icon: FileText,
    title: "Every document in one place",
    text: "Markdown, HTML, plain text and Word files, searched as you type, tagged, shared by workspace.",
  },
  {
    icon: Workflow,
    title: "Transformations and pipelines",
    text: "HTML, Markdown or text; summaries, keywords, outlines, social threads, redaction, AI rewrites.",
  },
  {
    icon: Radio,
    title: "Live, and built for teams",
    text: "Jobs report their progress as they run; roles, invitations, an audit log, API keys and webhooks.",
  },
];

/** `/` for a visitor: what Transmute does, in one screen, with the way in. */
export function Welcome() {
  return (
    <div className="welcome">
      <header className="auth-header">
        <Logo />
        <nav aria-label="Account" className="welcome-nav">
          <Link href="/signin">Sign in</Link>
          <ThemeToggle />
        </nav>
      </header>
      <main id="main" className="welcome-main">
        <p className="welcome-eyebrow">
          <Sparkles size={14} aria-hidden /> Content transformation for teams
        </p>
        <h1>Write once. Transmute it into whatever each channel needs.</h1>
        <p className="welcome-lead">
          Keep your team's documents together and turn them into web pages, summaries, threads and
          clean text — one step or a pipeline, running in the background while you work.
        </p>
        <p className="actions">
          <Link href="/signup" className="button primary">
            Create an account
          </Link>
          <Link href="/signin" className="button">
            Sign in
          </Link>
        </p>
        <ul className="welcome-features">
          {features.map(({ icon: Icon, title, text }) => (
            <li key={title}>
              <Icon size={20} aria-hidden />
              <h2>{title}</h2>
              <p>{text}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}

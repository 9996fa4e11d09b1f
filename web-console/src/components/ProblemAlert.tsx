import { Problem } from '../api';

/** An error as the problem's title and detail: never a stack or a JSON dump. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const problem =
    error instanceof Problem ? error : new Problem(0, 'Something went wrong', error instanceof Error ? error.message : String(error));
  return (
    <div role="alert" class="problem">
      <strong>{problem.title}</strong>
      {problem.detail && <span> — {problem.detail}</span>}
    </div>
  );
}

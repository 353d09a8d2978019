/** AdminJS `availableValues` from a list of codes and their French labels. */
export function options<T extends string>(values: readonly T[], labels?: Record<T, string>): Array<{ value: T; label: string }> {
  return values.map((value) => ({ value, label: labels?.[value] ?? value }));
}

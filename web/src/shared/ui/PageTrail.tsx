import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';

export interface TrailStep {
  label: string;
  to: string;
}

/** The breadcrumb above a page's heading: the pages above it, linked, then this page, marked as the current one. */
export function PageTrail({ above, current }: { above: TrailStep[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <Breadcrumbs>
        {above.map((step) => (
          <Anchor key={step.to} component={Link} to={step.to}>
            {step.label}
          </Anchor>
        ))}
        <Text span aria-current="page">
          {current}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}

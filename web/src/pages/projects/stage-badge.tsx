import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProjectStage } from '../../api/types';

export const stageColors: Record<ProjectStage, string> = {
  lead: 'gray',
  proposal: 'blue',
  decision: 'orange',
  implanted: 'teal',
  lost: 'red',
};

export function StageBadge({ stage, testId }: { stage: ProjectStage; testId?: string }) {
  const { t } = useTranslation();
  return (
    // the darkest shade for the text keeps a light badge readable (contrast ≥ 4.5:1)
    <Badge variant="light" color={stageColors[stage]} c={`${stageColors[stage]}.9`} tt="none" data-testid={testId} data-stage={stage}>
      {t(`projects.stages.${stage}`)}
    </Badge>
  );
}

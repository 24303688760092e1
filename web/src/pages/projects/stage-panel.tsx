import { Alert, Button, Group, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/guichet';
import type { Project, ProjectStage } from '../../api/types';
import { canChangeProjectStage } from '../../app/access';
import { useFormat } from '../../app/format';
import { useMe } from '../../app/session';
import { errorMessage } from '../../components/error-message';
import { StageBadge, stageColors } from './stage-badge';

/** The pipeline stage: the moves allowed now (agency staff) and the history of changes. */
export function StagePanel({ project, onSaved }: { project: Project; onSaved: (project: Project) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const [note, setNote] = useState('');
  const change = useMutation({
    mutationFn: (to: ProjectStage) => api.changeProjectStage(project.territoryCode, project.id, { to, note: note.trim() || undefined }),
    onSuccess: (saved) => {
      setNote('');
      onSaved(saved);
    },
  });
  const history = [...project.stageChanges].reverse();

  return (
    <Stack>
      <Paper withBorder p="lg" component="section" aria-labelledby="stage-heading">
        <Group gap="sm" mb="sm">
          <Title order={2} size="h3" id="stage-heading">
            {t('projects.stage')}
          </Title>
          <StageBadge stage={project.stage} testId="stage-current" />
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          {t(`projects.stageHelp.${project.stage}`)}
        </Text>
        {canChangeProjectStage(me.role) && project.nextStages.length > 0 ? (
          <Stack gap="sm">
            <Textarea
              id="stage-note"
              label={t('projects.stageNote')}
              description={t('projects.stageNoteHint')}
              autosize
              minRows={2}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Group gap="sm">
              {project.nextStages.map((stage) => (
                <Button
                  key={stage}
                  variant={stage === 'lost' ? 'outline' : 'filled'}
                  color={`${stageColors[stage]}.8`}
                  loading={change.isPending && change.variables === stage}
                  disabled={change.isPending}
                  onClick={() => change.mutate(stage)}
                  data-testid={`stage-to-${stage}`}
                >
                  {t(`projects.moveTo.${stage}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        ) : project.nextStages.length === 0 ? (
          <Text size="sm">{t('projects.stageFinal')}</Text>
        ) : null}
        {change.isError ? (
          <Alert color="red" variant="light" role="alert" mt="md">
            {errorMessage(t, change.error)}
          </Alert>
        ) : null}
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby="history-heading">
        <Title order={2} size="h3" id="history-heading" mb="md">
          {t('projects.history')}
        </Title>
        <Timeline active={0} bulletSize={16} lineWidth={2} data-testid="stage-history">
          {history.map((c, index) => (
            <Timeline.Item
              key={`${c.at}-${index}`}
              title={c.from === null ? t('projects.created', { stage: t(`projects.stages.${c.to}`) }) : t('projects.movedFromTo', { from: t(`projects.stages.${c.from}`), to: t(`projects.stages.${c.to}`) })}
            >
              <Text size="sm" c="dimmed">
                {format.dateTime(c.at)}
                {c.byName ? ` · ${c.byName}` : ''}
              </Text>
              {c.note ? <Text size="sm">{c.note}</Text> : null}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}

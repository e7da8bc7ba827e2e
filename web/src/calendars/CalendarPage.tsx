import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSignedIn } from '../app/session';
import { ConflictAlert, isConflict } from '../records/ConflictAlert';
import { ApiError, request } from '../shared/api';
import { notify } from '../shared/ui/notify';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { CalendarEditor } from './CalendarEditor';
import { CalendarHistory, CalendarPreview } from './CalendarPanels';
import { calendarProblems, definitionBody, officeHours, type BusinessCalendar, type CalendarDefinition } from './calendar-form';

/** A calendar id from its name: lower-case words joined by hyphens, as the API wants. */
export function calendarIdFrom(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
}

/** Create or change one business calendar; changes need the version read (If-Match). */
export function CalendarPage() {
  const { id } = useParams<{ id: string }>();
  const isNew = id === undefined;
  const session = useSignedIn();
  const navigate = useNavigate();
  const canWrite = session.permissions.includes('calendars:write');
  const loaded = useAsync(`calendar:${id ?? 'new'}`, async (signal) => (isNew ? null : request<BusinessCalendar>(`/api/calendars/${id}`, { signal })));
  const [definition, setDefinition] = useState<CalendarDefinition>(() => officeHours(session.user.timeZone));
  const [newId, setNewId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  usePageTitle(isNew ? 'New business calendar' : loaded.data?.data.name ?? 'Business calendar');

  useEffect(() => {
    if (!loaded.data) return;
    const { name, timeZone, workingHours, holidays } = loaded.data.data;
    setDefinition({ name, timeZone, workingHours, holidays });
    setConflict(false);
  }, [loaded.data]);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!isNew && !loaded.data) return <LoadingState label="Loading the calendar…" />;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const local = calendarProblems(definition);
    const calendarId = isNew ? (idTouched ? newId : calendarIdFrom(definition.name)) : id;
    if (isNew && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(calendarId)) local.id = 'Use lower-case letters, digits and hyphens';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      const body = definitionBody(definition);
      if (isNew) {
        await request<BusinessCalendar>('/api/calendars', { method: 'POST', body: { id: calendarId, ...body } });
        notify(`Calendar "${body.name}" created.`);
        navigate(`/calendars/${calendarId}`);
      } else {
        const saved = await request<BusinessCalendar>(`/api/calendars/${id}`, { method: 'PUT', body, ifMatch: loaded.data?.etag ?? null });
        loaded.setData(saved);
        notify('Calendar saved. Clocks count in the new definition from now on.');
      }
    } catch (error) {
      if (isConflict(error)) setConflict(true);
      else if (error instanceof ApiError && error.problem.errors?.length) setErrors(error.fieldErrors());
      else setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  const version = loaded.data?.data.version;
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/calendars" size="sm">← Business calendars</Anchor>
      <Title order={1}>{isNew ? 'New business calendar' : definition.name || id}</Title>
      {!isNew ? <Text size="sm" c="dimmed">{id} · version {version}</Text> : null}
      {conflict ? <ConflictAlert onReload={loaded.reload} lostWork /> : null}
      <ProblemAlert error={problem} onClose={() => setProblem(null)} />
      {Object.keys(errors).length > 0 ? <Alert color="red" role="alert" title="The calendar was not saved">Correct the fields marked below.</Alert> : null}
      <form onSubmit={save} noValidate>
        <Stack>
          {isNew ? (
            <TextInput label="Calendar id" description="Used by agreements and the API; it cannot be changed later" value={idTouched ? newId : calendarIdFrom(definition.name)}
              error={errors.id} onChange={(e) => { setIdTouched(true); setNewId(e.currentTarget.value); }} />
          ) : null}
          <CalendarEditor value={definition} onChange={setDefinition} errors={errors} readOnly={!canWrite} />
          {canWrite ? (
            <Group>
              <Button type="submit" loading={saving}>{isNew ? 'Create calendar' : 'Save calendar'}</Button>
            </Group>
          ) : null}
        </Stack>
      </form>
      {!isNew && id ? <CalendarPreview calendarId={id} /> : null}
      {!isNew && id ? <CalendarHistory calendarId={id} version={version ?? 0} /> : null}
    </Stack>
  );
}

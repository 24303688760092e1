import {
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NativeSelect,
  NavLink,
  Stack,
  Text,
  Title,
  UnstyledButton,
  em,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/language-switch';
import { canOpen, hasDashboard, type PageName } from './access';
import { useLogout, useMe } from './session';
import { useTerritory } from './territory';

const navItems: { page: PageName; to: string }[] = [
  { page: 'home', to: '/' },
  { page: 'candidates', to: '/candidates' },
  { page: 'sites', to: '/sites' },
  { page: 'projects', to: '/projects' },
  { page: 'itemBank', to: '/evaluation-items' },
  { page: 'offers', to: '/offers' },
  { page: 'trainings', to: '/trainings' },
  { page: 'followUp', to: '/follow-up' },
  { page: 'positioning', to: '/positioning' },
  { page: 'jobs', to: '/jobs' },
  { page: 'myProposals', to: '/my-proposals' },
  { page: 'myApplications', to: '/applications' },
  { page: 'profileEdit', to: '/profile' },
  { page: 'tests', to: '/tests' },
  { page: 'myData', to: '/my-data' },
  { page: 'account', to: '/account' },
];

function TerritorySwitch() {
  const { t } = useTranslation();
  const { code, territories, setCode } = useTerritory();
  return (
    <NativeSelect
      label={t('territory.switch')}
      value={code ?? ''}
      onChange={(event) => setCode(event.currentTarget.value)}
      data={territories.map((territory) => ({ value: territory.code, label: territory.name }))}
      disabled={territories.length === 0}
    />
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { territory, canSwitch } = useTerritory();
  const [opened, { toggle, close }] = useDisclosure(false);
  const theme = useMantineTheme();
  // Under the sm breakpoint the closed navbar is only slid off-screen: hide it from keyboard and
  // screen readers too, so Tab does not wander into invisible links.
  const isPhone = useMediaQuery(`(max-width: ${em(parseFloat(theme.breakpoints.sm) * 16 - 0.1)})`);
  const navbarHidden = Boolean(isPhone) && !opened;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  // On a route change: close the phone menu and move focus to the new page's heading.
  const firstRender = useRef(true);
  useEffect(() => {
    close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname, close]);

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navbar"
              data-testid="burger"
            />
            <UnstyledButton component={Link} to="/" aria-label={t('nav.homeLink')}>
              <Title order={2} size="h3" c="blue.8">
                guichet
              </Title>
            </UnstyledButton>
          </Group>
          {territory ? (
            <Text fw={600} truncate data-testid="current-territory">
              {territory.name}
            </Text>
          ) : null}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="app-navbar"
        p="md"
        aria-label={t('nav.label')}
        style={navbarHidden ? { visibility: 'hidden' } : undefined}
      >
        {canSwitch ? (
          <AppShell.Section mb="md">
            <TerritorySwitch />
          </AppShell.Section>
        ) : null}
        <AppShell.Section grow>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {navItems
              .filter((item) => canOpen(me.role, item.page))
              .map((item) => {
                const active = item.to === '/' ? pathname === '/' : pathname.startsWith(item.to);
                return (
                  <li key={item.page}>
                    <NavLink
                      component={Link}
                      to={item.to}
                      label={t(item.page === 'home' && !hasDashboard(me.role) ? 'nav.profile' : `nav.${item.page}`)}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      variant="light"
                    />
                  </li>
                );
              })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Stack gap="sm">
            <div>
              <Text size="sm" fw={600} truncate data-testid="user-email">
                {me.email}
              </Text>
              <Group gap={6} mt={4}>
                <Badge variant="light" data-testid="user-role">
                  {t(`roles.${me.role}`)}
                </Badge>
              </Group>
            </div>
            <Group justify="space-between" wrap="nowrap">
              <LanguageSwitch />
              <Button variant="default" size="xs" onClick={onLogout} loading={logout.isPending}>
                {t('nav.logout')}
              </Button>
            </Group>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

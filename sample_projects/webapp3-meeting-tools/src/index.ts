import {
  ParticipantActivities,
  registerPlugin,
  type Button,
  type ToolbarButtonPayload
} from '@pexip/plugin-api'

interface Config {
  welcome: string
  layouts: Array<{ id: string, label: string }>
}

const plugin = await registerPlugin({ id: 'meeting-tools', version: 1 })

// The plugin's own files come from its folder of the branding package.
const config = (await (await fetch('./config.json')).json()) as Config

let locked = false

const lockPayload = (): ToolbarButtonPayload => ({
  position: 'toolbar',
  icon: 'IconLock',
  tooltip: locked ? 'Unlock meeting' : 'Lock meeting',
  roles: ['chair'],
  isActive: locked
})

const lockButton: Button<'toolbar'> = await plugin.ui.addButton(lockPayload())
lockButton.onClick.add(async () => {
  await plugin.conference.lock({ lock: !locked })
})

plugin.events.conferenceStatus.add(async ({ status }) => {
  if (status.locked !== locked) {
    locked = status.locked
    await lockButton.update(lockPayload())
  }
})

const layoutButton = await plugin.ui.addButton({
  position: 'toolbar',
  icon: 'IconColumns',
  tooltip: 'Layout',
  roles: ['chair'],
  group: config.layouts.map((layout) => ({ id: layout.id, icon: 'IconColumns', tooltip: layout.label }))
})
layoutButton.onClick.add(async ({ buttonId }) => {
  await plugin.conference.setLayout({ transforms: { layout: buttonId } })
  await plugin.ui.showToast({ message: `Layout ${buttonId}` })
})

const spotlight = await plugin.ui.addButton({
  position: 'participantActions',
  label: 'Spotlight',
  icon: 'IconSpotlight'
})
spotlight.onClick.add(async ({ participantUuid }) => {
  await plugin.conference.spotlight({ enable: true, participantUuid })
})

const announce = await plugin.ui.addButton({
  position: 'settingsMenu',
  label: 'Send an announcement',
  inMeetingOnly: true,
  roles: ['chair']
})
announce.onClick.add(async () => {
  const input = await plugin.ui.showForm({
    title: 'Announcement',
    description: 'Everyone in the meeting gets it in the chat.',
    form: {
      elements: {
        text: { name: 'Text', type: 'text', placeholder: 'Write it here' },
        urgency: {
          name: 'Urgency',
          type: 'select',
          options: [{ id: 'normal', label: 'Normal' }, { id: 'urgent', label: 'Urgent' }]
        }
      },
      submitBtnTitle: 'Send'
    }
  })
  const prefix = input.urgency === 'urgent' ? '[urgent] ' : ''
  await plugin.conference.sendMessage({ payload: prefix + input.text })
  await plugin.ui.showToast({ message: 'Announcement sent' })
})

const endButton = await plugin.ui.addButton({
  position: 'toolbar',
  icon: 'IconLeave',
  tooltip: 'End meeting for all',
  roles: ['chair']
})
endButton.onClick.add(async () => {
  const answer = await plugin.ui.showPrompt({
    title: 'End the meeting?',
    description: 'Everyone will be disconnected.',
    prompt: { primaryAction: 'End meeting', secondaryAction: 'Cancel' }
  })
  if (answer === 'End meeting') {
    await plugin.conference.disconnectAll({})
  }
})

plugin.events.participantsActivities.add(async (activities) => {
  for (const { activity } of activities) {
    if (activity.type === ParticipantActivities.Join && activity.participant.serviceType === 'conference') {
      await plugin.ui.showToast({ message: `${activity.participant.displayName ?? 'Someone'} joined` })
    }
  }
})

plugin.events.authenticatedWithConference.add(async () => {
  await plugin.ui.showToast({ message: config.welcome })
})

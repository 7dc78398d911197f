/** The scenarios of the suite, in the order they run and print. */
import type { ScenarioName } from '../config'
import type { BenchContext } from '../context'
import type { Section } from '../table'
import { analyticsSection, runAnalytics } from './analytics'
import { capacitySection, runCapacity } from './capacity'
import { clientSection, runClient } from './client'
import { clusterSection, runCluster } from './cluster'
import { fanoutSection, runFanout } from './fanout'
import { loadSection, runLoad } from './load'
import { mediaSection, runMedia } from './media'
import { memorySection, runMemory } from './memory'
import { runSoak, soakSection } from './soak'
import { runThroughput, throughputSection } from './throughput'

export interface Scenario<R = unknown> {
  name: ScenarioName
  run(ctx: BenchContext): Promise<R>
  section(result: R): Section
}

const scenario = <R>(definition: Scenario<R>) => definition as Scenario

export const scenarios: Scenario[] = [
  scenario({ name: 'fanout', run: runFanout, section: fanoutSection }),
  scenario({ name: 'throughput', run: runThroughput, section: throughputSection }),
  scenario({ name: 'capacity', run: runCapacity, section: capacitySection }),
  scenario({ name: 'load', run: runLoad, section: loadSection }),
  scenario({ name: 'memory', run: runMemory, section: memorySection }),
  scenario({ name: 'client', run: runClient, section: clientSection }),
  scenario({ name: 'analytics', run: runAnalytics, section: analyticsSection }),
  scenario({ name: 'cluster', run: runCluster, section: clusterSection }),
  scenario({ name: 'media', run: runMedia, section: mediaSection }),
  scenario({ name: 'soak', run: runSoak, section: soakSection }),
]

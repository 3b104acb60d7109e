// Amazon Chime SDK Messaging topologies as code with Pulumi, with a local emulator of the Chime SDK APIs
package chimemessaging

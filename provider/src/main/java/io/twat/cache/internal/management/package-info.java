/** JMX: the JCache statistics and configuration MXBeans and their registration. */
package io.twat.cache.internal.management;
